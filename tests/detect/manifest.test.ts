import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { validators } from '../../src/detect/validators/index.js';
import { ALPHABETS, randChars } from '../../src/fakes/index.js';
import { loadRuleSet } from '../../src/scan.js';
import { seededRng } from '../helpers/crypto/rng.js';

const { ruleSet } = loadRuleSet(mkdtempSync(join(tmpdir(), 'keyhound-manifest-')));
const rng = seededRng(6443);
/** Fresh base64 of `bytes` random bytes. */
const b64 = (bytes = 24): string => Buffer.from(randChars(ALPHABETS.alnum, bytes, rng), 'latin1').toString('base64');
const plain = (): string => randChars(ALPHABETS.alnum, 20, rng);

/** The values the two Secret-manifest rules report in a text, as rule id → secrets. */
function manifestFindings(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of detect(ruleSet, { text, path: 'deploy/secret.yaml' }).findings) {
    if (!f.ruleId.startsWith('kubernetes-secret')) continue;
    (out[f.ruleId] ??= []).push(f.secret);
  }
  return out;
}

describe('Kubernetes Secret manifests', () => {
  it('reports every data entry, whatever its name, with kind before or after the section', () => {
    const [a, b, c] = [b64(), b64(), b64()];
    const before = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  password: ${a}\n  tls.key: "${b}"\n  .dockerconfigjson: '${c}'\n`;
    expect(manifestFindings(before)).toEqual({ 'kubernetes-secret-data': [a, b, c] });
    const after = `apiVersion: v1\ndata:\n\t# a comment\n\tsmtp-password: ${a}\nmetadata:\n\tname: app\nkind: "secret"\n`;
    expect(manifestFindings(after)).toEqual({ 'kubernetes-secret-data': [a] });
  });

  it('reads a block scalar from its first line, and stringData in the clear', () => {
    const a = b64(48);
    const p = plain();
    const text = `kind: Secret\ndata:\n  config.json: |\n    ${a}\nstringData:\n  token: ${p}\n  user: changeme\n`;
    expect(manifestFindings(text)).toEqual({ 'kubernetes-secret-data': [a], 'kubernetes-secret-string-data': [p] });
  });

  it('keeps to the documents that are Secrets, at their top level', () => {
    const [a, b] = [b64(), b64()];
    const text = [
      `apiVersion: v1\nkind: ConfigMap\ndata:\n  password: ${a}`,
      `apiVersion: v1\nkind: Secret\ndata:\n  password: ${b}`,
      `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nspec:\n  secretStoreRef:\n    kind: Secret\n  data:\n    password: ${a}`,
      `kind: SopsSecret\nspec:\n  secretTemplates:\n    - name: x\n      data:\n        password: ${a}`,
    ].join('\n---\n');
    expect(manifestFindings(text)).toEqual({ 'kubernetes-secret-data': [b] });
  });

  it('reads a Secret whose own kind: follows a nested kind: Secret', () => {
    const a = b64();
    const text = `apiVersion: v1\nmetadata:\n  annotations:\n    kind: Secret\ndata:\n  password: ${a}\nkind: Secret\n`;
    expect(manifestFindings(text)).toEqual({ 'kubernetes-secret-data': [a] });
  });

  it('stays quiet on templates, empty, short, placeholder and encrypted values', () => {
    const placeholder = Buffer.from('changeme').toString('base64');
    const text = [
      'kind: Secret',
      'data:',
      '  a: {{ .Values.password | b64enc }}',
      '  b: ""',
      `  c: ${Buffer.from('bar\n').toString('base64')}`,
      `  d: ${placeholder}`,
      `  e: ${b64().slice(0, -1)}`,
      'stringData:',
      `  f: ENC[AES256_GCM,data:${b64(9)},iv:${b64(32)},type:str]`,
      '  g: ${DB_PASSWORD}',
      '  h: qwertyuiop',
    ].join('\n');
    expect(manifestFindings(text)).toEqual({});
  });
});

describe('stored-secret validators', () => {
  it('base64-secret: canonical base64 of six bytes or more, not a placeholder word', () => {
    const v = validators['base64-secret']!;
    expect(v(b64()).ok).toBe(true);
    expect(v(Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n').toString('base64')).ok).toBe(false);
    expect(v(Buffer.from('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n').toString('base64')).ok).toBe(true);
    expect(v(Buffer.from('{"auths":{"registry.example":{"auth":"x"}}}').toString('base64')).ok).toBe(true);
    expect(v(Buffer.from('admin').toString('base64')).ok).toBe(false);
    expect(v(Buffer.from('password').toString('base64')).ok).toBe(false);
    expect(v('YWJj=ZGVm').ok).toBe(false);
  });

  it('plain-secret: six characters or more, no template, no SOPS value', () => {
    const v = validators['plain-secret']!;
    expect(v(plain()).ok).toBe(true);
    for (const s of ['short', '{{ .Values.x }}', '${PASS}', 'ENC[AES256_GCM,data:abc,type:str]', 'your-password']) expect(v(s).ok, s).toBe(false);
  });
});
