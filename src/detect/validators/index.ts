// The registry of offline validators, by the name rules use in `validate:`.

import type { Validator } from './types.js';

export const validators: Readonly<Record<string, Validator>> = {};

export const validatorNames: ReadonlySet<string> = new Set(Object.keys(validators));
