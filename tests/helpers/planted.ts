// A temporary tree with many findings: every positive example of every built-in rule, expanded to fresh fake values,
// in files with awkward names (spaces, commas, colons, #, %, non-ASCII) and at varied lines.

import { loadRulePacks } from '../../src/config/load.js';
import { examplePath } from '../../src/examples.js';
import { expandTemplate } from '../../src/fakes/index.js';
import { partGenerators } from '../../src/fakes/parts.js';
import { tempDir, writeTree } from './tmp.js';

const ODD_DIRS = ['plain', 'with space', 'comma,colon:hash#', 'percent%20and ü'];

export function plantedEverything(): { dir: string; files: number } {
  const dir = tempDir('keyhound-planted-');
  const files: Record<string, string> = {};
  let n = 0;
  for (const pack of loadRulePacks()) {
    for (const rule of pack.rules) {
      for (const template of rule.examples?.positive ?? []) {
        // `{{key}}`-style templates name the rule's own parts (rule model v2).
        const { path, text } = examplePath(expandTemplate(template, undefined, partGenerators(rule.parts)));
        const folder = ODD_DIRS[n % ODD_DIRS.length]!;
        const name = path === 'example.txt' ? `${rule.id} ${n}.txt` : path;
        files[`${folder}/${n}/${name}`] = `${'\n'.repeat(n % 7)}${text}\n`;
        n += 1;
      }
    }
  }
  writeTree(dir, files);
  return { dir, files: n };
}
