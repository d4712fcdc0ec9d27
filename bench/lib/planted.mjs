// Planted fake keys: 20 kinds × 5, generated afresh at bench time from keyhound's own fake-value generators and
// written among filler code, one of each kind at the end of a 1 MB file (far from any other key). Never committed.
// RG_PATTERNS are the 20 "typical secret patterns" ripgrep runs, one per kind.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AWS_ID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const WORDY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** kind → { ext, line(r) } where r(alphabet, n) draws a random string; each line holds one fake key. */
export const KINDS = {
  'aws-access-key-id': { ext: 'sh', line: (r) => `export AWS_ACCESS_KEY_ID=AKIA${r(AWS_ID, 16)}` },
  'aws-secret-access-key': { ext: 'ini', line: (r) => `aws_secret_access_key = ${r('alnum', 38)}/+` },
  'github-token': { ext: 'js', line: (r, t) => `const token = "${t('{{github:ghp}}')}";` },
  'github-fine-grained': { ext: 'env', line: (r) => `GITHUB_TOKEN=github_pat_${r('alnum', 22)}_${r('alnum', 59)}` },
  gitlab: { ext: 'yml', line: (r) => `  gitlab_token: glpat-${r('alnum', 20)}` },
  'slack-bot-token': { ext: 'py', line: (r) => `SLACK_BOT_TOKEN = "xoxb-${r('digits', 11)}-${r('digits', 13)}-${r('alnum', 24)}"` },
  'slack-webhook': { ext: 'json', line: (r) => `  "webhook": "https://hooks.slack.com/services/T${r(WORDY, 10)}/B${r(WORDY, 10)}/${r('alnum', 24)}",` },
  'stripe-live': { ext: 'rb', line: (r) => `Stripe.api_key = "sk_live_${r('alnum', 24)}"` },
  'private-key': {
    ext: 'pem',
    line: (r) =>
      ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 20 }, () => r('base64', 64)), '-----END RSA PRIVATE KEY-----'].join('\n'),
  },
  openai: { ext: 'ts', line: (r) => `const OPENAI_API_KEY = "sk-proj-${r('alnum', 74)}T3BlbkFJ${r('alnum', 74)}";` },
  anthropic: { ext: 'ts', line: (r) => `export const ANTHROPIC_API_KEY = "sk-ant-api03-${r('alnum', 93)}AA";` },
  npm: { ext: 'yaml', line: (r, t) => `npm_token: ${t('{{npm}}')}` },
  sendgrid: { ext: 'go', line: (r) => `var sendgridKey = "SG.${r('b64url', 22)}.${r('b64url', 43)}"` },
  'google-api-key': { ext: 'html', line: (r) => `<script src="https://maps.googleapis.com/maps/api/js?key=AIza${r('b64url', 35)}"></script>` },
  huggingface: { ext: 'py', line: (r) => `HF_TOKEN = "hf_${r('lower', 17)}${r('upper', 17)}"` },
  telegram: { ext: 'php', line: (r) => `$botToken = "${r('digits', 10)}:AA${r('b64url', 33)}";` },
  'discord-webhook': { ext: 'js', line: (r) => `const hook = "https://discord.com/api/webhooks/${r('digits', 18)}/${r('b64url', 68)}";` },
  'database-url': { ext: 'env', line: (r) => `DATABASE_URL=postgres://app:${r('alnum', 20)}@db.internal:5432/app` },
  'binance-secret': { ext: 'py', line: (r) => `BINANCE_API_SECRET = "${r('upper', 16)}${r('lower', 16)}${r('alnum', 32)}"` },
  pypi: { ext: 'cfg', line: (r) => `password = pypi-AgEIcHlwaS5vcmc${r('b64url', 120)}` }, // keyhound:allow (a template, not a key)
};

/** ripgrep's 20 patterns (Rust regex syntax, run with --no-unicode). */
export const RG_PATTERNS = [
  '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}',
  '(?i)aws[\\w.-]{0,20}secret[\\w.-]{0,20}["\']?\\s*[:=]\\s*["\']?[A-Za-z0-9/+]{40}',
  'gh[pousr]_[A-Za-z0-9]{36}',
  'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}',
  'glpat-[A-Za-z0-9_-]{20}',
  'xox[baprs]-[0-9]{6,15}-[0-9A-Za-z-]{10,}',
  'hooks\\.slack\\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}',
  '[sr]k_live_[A-Za-z0-9]{20,}',
  '-----BEGIN [A-Z ]*PRIVATE KEY-----',
  'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ',
  'sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA',
  'npm_[A-Za-z0-9]{36}',
  'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  'AIza[0-9A-Za-z_-]{35}',
  'hf_[A-Za-z]{34}',
  '[0-9]{8,10}:AA[0-9A-Za-z_-]{33}',
  'discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80}',
  '(?:postgres(?:ql)?|mysql|mongodb(?:\\+srv)?|rediss?|amqps?)://[^:/\\s]+:[^@/\\s]+@',
  '(?i)binance[\\w.-]{0,30}secret[\\w-]{0,10}["\']?\\s*[:=]\\s*["\']?[A-Za-z0-9]{64}',
  'pypi-AgE[A-Za-z0-9_-]{70,}',
];

const FILLER = [
  'function add(a, b) {',
  '  return a + b;',
  '}',
  '// compute the layout once per frame',
  'const items = list.filter((x) => x.enabled).map((x) => x.id);',
  'if (options.verbose) console.log("done", items.length);',
  'export default { name: "widget", version: "1.2.3" };',
  '',
  '  for (let i = 0; i < n; i++) total += weights[i] * values[i];',
  'import { readFile } from "node:fs/promises";',
];

function filler(lines, rng) {
  const out = [];
  for (let i = 0; i < lines; i++) out.push(FILLER[rng(FILLER.length)]);
  return out;
}

/** Writes 5 files per kind (the fifth: key at the end of a ~1 MB file); returns where each key starts. */
export function plantKeys(dir, fakes) {
  const { randChars, randInt, ALPHABETS, expandTemplate } = fakes;
  const rng = (n) => randInt(n);
  const r = (alphabet, n) => randChars(ALPHABETS[alphabet] ?? alphabet, n);
  // Formats with a checksum come from the generators, so they pass keyhound's validators like real keys do.
  const t = (template) => expandTemplate(template);
  const keys = [];
  let files = 0;
  let bytes = 0;
  for (const [kind, spec] of Object.entries(KINDS)) {
    mkdirSync(join(dir, kind), { recursive: true });
    for (let i = 0; i < 5; i++) {
      const before = i === 4 ? filler(25000, rng) : filler(20 + rng(200), rng);
      const after = i === 4 ? [] : filler(rng(100), rng);
      const text = [...before, spec.line(r, t), ...after].join('\n') + '\n';
      const path = `planted/${kind}/sample-${i}.${spec.ext}`;
      writeFileSync(join(dir, '..', path), text);
      keys.push({ kind, path, line: before.length + 1 });
      files += 1;
      bytes += Buffer.byteLength(text);
    }
  }
  return { keys, files, bytes };
}
