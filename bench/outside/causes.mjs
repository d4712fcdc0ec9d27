// Why a peer's true positive was not found by its provider's own keyhound rule, judged from keyhound's own facts
// (the compiled rules of build/, so run `npm run build` first):
//   - 'shape': no value in the case has the shape of any of that provider's rules (keyhound states the provider's
//     format more narrowly than the peer's sample: another alphabet, length or prefix);
//   - 'validator': a value has the shape, but fails the rule's validator or entropy (a checksum, a timestamp);
//   - 'binding': a value has the shape and passes, but the rule did not take it: the name, section or syntax around it
//     was not recognised as the provider's (a grammar or context gap), or the value is an attached part only.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SPLIT = /[\s"'`,;<>(){}[\]|\\]+/;

/** Candidate values of a case's text: its words, and their pieces around `=` and `:`. */
function tokens(text) {
  const out = new Set();
  for (const w of text.split(SPLIT)) {
    if (w.length < 6) continue;
    out.add(w);
    for (const p of w.split(/[=:]/)) if (p.length >= 6) out.add(p);
    const eq = w.indexOf('=');
    if (eq > 0) out.add(w.slice(eq + 1));
  }
  return [...out];
}

export async function causeJudge(root) {
  const mod = (p) => import(pathToFileURL(join(root, 'build', 'src', p)).href);
  const { loadRulePacks } = await mod('config/load.js');
  const { buildRuleSetFromPacks, defaultUserConfig } = await mod('config/ruleset.js');
  const { validatorNames, validators } = await mod('detect/validators/index.js');
  const { shannonEntropy } = await mod('detect/entropy.js');
  const ruleSet = buildRuleSetFromPacks(defaultUserConfig(), validatorNames, loadRulePacks());
  const byProvider = new Map();
  for (const r of ruleSet.rules) if (r.provider) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);
  const passes = (value, check, entropy) => (!check || validators[check]?.(value).ok !== false) && shannonEntropy(value) >= entropy;

  /** The cause for a positive of `provider` that its own rules did not report. */
  return (provider, text) => {
    let shape = false;
    const words = tokens(text);
    for (const rule of byProvider.get(provider) ?? []) {
      if (rule.context) {
        for (const part of rule.context.parts) {
          for (const w of words) {
            if (!part.shape.test(w)) continue;
            shape = true;
            if (passes(w, part.validate ?? rule.validate, part.entropy)) return 'binding';
          }
        }
      } else {
        const re = new RegExp(rule.regex.source, rule.regex.flags.includes('g') ? rule.regex.flags : `${rule.regex.flags}g`);
        for (const m of text.matchAll(re)) {
          shape = true;
          const value = m.groups?.secret ?? m[0];
          if (passes(value, rule.validate, rule.entropy)) return 'binding';
        }
      }
    }
    return shape ? 'validator' : 'shape';
  };
}
