// Expands `{{kind:arg}}` placeholders in rule examples into fresh fake values (see the README's rule format).

import { randomUUID } from 'node:crypto';
import { ALPHABETS, defaultRng, randomString, type Rng } from './random.js';

export type Generator = (arg: string | undefined, rng: Rng) => string;

const lengthArg = (kind: string, arg: string | undefined): number => {
  const n = Number(arg);
  if (!arg || !Number.isInteger(n) || n <= 0) throw new Error(`template {{${kind}:N}} needs a length`);
  return n;
};

const generators = new Map<string, Generator>();

for (const [kind, alphabet] of Object.entries(ALPHABETS)) {
  generators.set(kind, (arg, rng) => randomString(alphabet, lengthArg(kind, arg), rng));
}
generators.set('uuid', () => randomUUID());
generators.set('UUID', () => randomUUID().toUpperCase());

/** Registers a generator for `{{kind}}` / `{{kind:arg}}`. */
export function registerGenerator(kind: string, generator: Generator): void {
  generators.set(kind, generator);
}

export function generatorKinds(): string[] {
  return [...generators.keys()].sort();
}

/** Replaces every `{{kind[:arg]}}` in `template`. Unknown kinds throw an Error naming the kind. */
export function expandTemplate(template: string, rng: Rng = defaultRng): string {
  return template.replace(/\{\{([A-Za-z0-9-]+)(?::([^}]*))?\}\}/g, (_all, kind: string, arg: string | undefined) => {
    const gen = generators.get(kind);
    if (!gen) throw new Error(`unknown example template {{${kind}}}`);
    return gen(arg, rng);
  });
}
