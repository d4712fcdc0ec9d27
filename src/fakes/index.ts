// Fake-secret generators for rule examples and tests.

export { expandTemplate, generatorKinds, registerGenerator, type Generator } from './templates.js';
export { ALPHABETS, defaultRng, randomBytes, randomString, type Rng } from './random.js';
