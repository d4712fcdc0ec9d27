// The contract every offline validator meets: a pure function of the candidate secret.

export type ValidatorResult = { ok: true } | { ok: false; reason: string };

export type Validator = (secret: string) => ValidatorResult;

export const OK: ValidatorResult = { ok: true };

export function fail(reason: string): ValidatorResult {
  return { ok: false, reason };
}
