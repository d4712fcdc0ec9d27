/** Result of an offline validator: either the candidate is plausible, or a short reason why not. */
export type ValidatorResult = { ok: true } | { ok: false; reason: string };

/** An offline validator: pure, synchronous, no network, no state. */
export type Validator = (secret: string) => ValidatorResult;

export const OK: ValidatorResult = Object.freeze({ ok: true }) as ValidatorResult;

export function fail(reason: string): ValidatorResult {
  return { ok: false, reason };
}
