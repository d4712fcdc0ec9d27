// Build step: parse and schema-validate rules/*.yaml once, and write build/rules.json for fast start-up
// (see src/config/cache.ts). Runs after `tsc`, from the compiled modules.
import { writeFileSync } from 'node:fs';
import { makeRulesCache } from '../build/src/config/cache.js';
import { loadRulePacks } from '../build/src/config/load.js';
import { RULES_CACHE } from '../build/src/config/paths.js';

writeFileSync(RULES_CACHE, JSON.stringify(makeRulesCache(loadRulePacks())));
