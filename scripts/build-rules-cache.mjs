// Build step: parse and schema-validate rules/*.yaml once, and write build/rules.json for fast start-up
// (see src/config/cache.ts). Runs after `tsc`, from the compiled modules.
import { makeRulesCache, writeRulesCache } from '../build/src/config/cache.js';
import { loadRulePacks } from '../build/src/config/load.js';
import { RULES_CACHE } from '../build/src/config/paths.js';

writeRulesCache(makeRulesCache(loadRulePacks()), RULES_CACHE);
