// Every output format, with default options, keeps secrets redacted; --honor-gitleaks-allow; --format choices.

import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/report/index.js';
import { expandTemplate } from '../../src/fakes/index.js';
import { keyhound } from '../helpers/cli.js';
import { plantedEverything } from '../helpers/planted.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('output formats', () => {
  it('offers text, json, ndjson, sarif, github and html', () => {
    expect(FORMATS).toEqual(['text', 'json', 'ndjson', 'sarif', 'github', 'html']);
  });

  it('never contains a full secret in any format with default options', () => {
    const { dir } = plantedEverything();
    const raw = keyhound(['scan', dir, '--format', 'json', '--no-redact']);
    const secrets: string[] = JSON.parse(raw.stdout).findings.map((f: { secret: string }) => f.secret);
    expect(secrets.length).toBeGreaterThan(10);
    for (const format of FORMATS) {
      const r = keyhound(['scan', dir, '--format', format, '--verbose']);
      expect(r.status).toBe(1);
      const out = r.stdout + r.stderr;
      for (const s of secrets) {
        expect(out, `${format} leaks a secret`).not.toContain(s);
        // Nor a long piece of it: redaction shows at most four leading characters. The middle of the secret is
        // checked because some secrets start with a fixed literal (`organizations/…`) that descriptions also name.
        // A piece under 8 characters (an 8-hex key's last four) turns up by chance in fingerprints; the whole
        // secret is checked above. Nor a piece with a space: a seed phrase's words are English, and a random phrase's
        // `…tion connect…` once matched "Azure App Configuration connection-string" in a rule's description.
        const middle = s.slice(Math.max(4, Math.floor(s.length / 2) - 6)).slice(0, 12);
        if (middle.length >= 8 && !middle.includes(' ')) expect(out, `${format} leaks part of a secret`).not.toContain(middle);
      }
    }
    // Six full CLI scans of every rule's positive examples (450+ files since the crypto packs' v2 rewrite).
  }, 120_000);

  it('honours gitleaks:allow only with --honor-gitleaks-allow', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.env': `GITHUB_TOKEN=${expandTemplate('{{github:ghp}}')} # gitleaks:allow\n` });
    expect(keyhound(['scan', dir]).status).toBe(1);
    const allowed = keyhound(['scan', dir, '--honor-gitleaks-allow', '--verbose']);
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).toMatch(/inline-allow: [1-9]/);
  });
});
