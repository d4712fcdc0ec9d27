import { describe, expect, it } from 'vitest';
import * as F from '../../src/fakes/index.js';
import { validators } from '../../src/detect/validators/index.js';
import { seededRng } from '../helpers/crypto/rng.js';

describe('expandTemplate', () => {
  const rng = seededRng(7);
  const SHAPES: [string, RegExp, string?][] = [
    ['{{hex:64}}', /^[0-9a-f]{64}$/],
    ['{{HEX:32}}', /^[0-9A-F]{32}$/],
    ['{{alnum:40}}', /^[A-Za-z0-9]{40}$/],
    ['{{ALNUM:34}}', /^[A-Z0-9]{34}$/],
    ['{{lalnum:20}}', /^[a-z0-9]{20}$/],
    ['{{lower:8}}', /^[a-z]{8}$/],
    ['{{upper:8}}', /^[A-Z]{8}$/],
    ['{{digits:19}}', /^[0-9]{19}$/],
    ['{{base64:86}}==', /^[A-Za-z0-9+/]{86}==$/],
    ['{{b64url:43}}', /^[A-Za-z0-9_-]{43}$/],
    ['{{base58:44}}', /^[1-9A-HJ-NP-Za-km-z]{44}$/],
    ['{{base36:10}}', /^[0-9a-z]{10}$/],
    ['{{uuid}}', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
    ['{{UUID}}', /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/],
    ['{{objectid}}', /^[0-9a-f]{24}$/, 'objectid-timestamp'],
    ['{{github:ghp}}', /^ghp_[A-Za-z0-9]{36}$/, 'github-crc32'],
    ['{{github:gho}}', /^gho_[A-Za-z0-9]{36}$/, 'github-crc32'],
    ['{{github:ghu}}', /^ghu_[A-Za-z0-9]{36}$/, 'github-crc32'],
    ['{{github:ghs}}', /^ghs_[A-Za-z0-9]{36}$/, 'github-crc32'],
    ['{{npm}}', /^npm_[A-Za-z0-9]{36}$/, 'npm-crc32'],
    ['{{zuplo}}', /^zpka_[0-9a-f]{32}_[0-9a-f]{8}$/, 'zuplo-crc32'],
    ['{{gitlab}}', /^glpat-[A-Za-z0-9_-]{27,}\.01\.[0-9a-z]{9}$/, 'gitlab-routable'],
    ['{{bip39:12}}', /^[a-z]{3,8}(?: [a-z]{3,8}){11}$/, 'bip39'],
    ['{{bip39:24}}', /^[a-z]{3,8}(?: [a-z]{3,8}){23}$/, 'bip39'],
    ['{{wif}}', /^[KL][1-9A-HJ-NP-Za-km-z]{51}$/, 'base58check-wif'],
    ['{{wif:uncompressed}}', /^5[HJK][1-9A-HJ-NP-Za-km-z]{49}$/, 'base58check-wif'],
    ['{{wif:testnet}}', /^c[1-9A-HJ-NP-Za-km-z]{51}$/, 'base58check-wif'],
    ['{{wif:testnet-uncompressed}}', /^9[1-9A-HJ-NP-Za-km-z]{50}$/, 'base58check-wif'],
    ['{{xprv:xprv}}', /^xprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:tprv}}', /^tprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:yprv}}', /^yprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:zprv}}', /^zprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:Yprv}}', /^Yprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:Zprv}}', /^Zprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:uprv}}', /^uprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{xprv:vprv}}', /^vprv[1-9A-HJ-NP-Za-km-z]{107}$/, 'base58check-xprv'],
    ['{{solana-b58}}', /^[1-9A-HJ-NP-Za-km-z]{85,88}$/, 'solana-keypair'],
    ['{{solana-json}}', /^\[\d{1,3}(?:,\d{1,3}){63}\]$/, 'solana-keypair'],
    ['{{evmkey}}', /^[0-9a-f]{64}$/, 'evm-private-key'],
    ['{{openai:proj}}', /^sk-proj-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/, 'openai-marker'],
    ['{{openai:svcacct}}', /^sk-svcacct-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/, 'openai-marker'],
    ['{{openai:admin}}', /^sk-admin-[A-Za-z0-9_-]{74}T3BlbkFJ[A-Za-z0-9_-]{74}$/, 'openai-marker'],
    ['{{openai:legacy}}', /^sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/, 'openai-marker'],
    ['{{anthropic}}', /^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/],
    ['{{anthropic:admin}}', /^sk-ant-admin01-[A-Za-z0-9_-]{93}AA$/],
    ['{{groq}}', /^gsk_[A-Za-z0-9]{52}$/, 'groq-marker'],
    ['{{jwt}}', /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/],
    ['{{ed25519-b64}}', /^[A-Za-z0-9+/]{86}==$/],
  ];
  for (const [tpl, shape, validator] of SHAPES) {
    it(`${tpl} has the right shape${validator ? ` and passes ${validator}` : ''}`, () => {
      for (let i = 0; i < 15; i++) {
        const v = F.expandTemplate(tpl, rng);
        expect(v).toMatch(shape);
        if (validator) expect(validators[validator]!(v), `${tpl} → ${v}`).toEqual({ ok: true });
      }
    });
  }

  it('broken variants fail their validators', () => {
    for (let i = 0; i < 20; i++) {
      for (const n of [12, 24]) {
        const b = F.expandTemplate(`{{bip39-bad:${n}}}`, rng);
        expect(b.split(' ')).toHaveLength(n);
        expect(validators.bip39!(b).ok).toBe(false);
      }
      const w = F.expandTemplate('{{wif-bad}}', rng);
      expect(w).toMatch(/^[KL][1-9A-HJ-NP-Za-km-z]{51}$/);
      expect(validators['base58check-wif']!(w).ok).toBe(false);
      expect(validators['solana-keypair']!(F.expandTemplate('{{solana-bad}}', rng)).ok).toBe(false);
      expect(validators['solana-keypair']!(F.expandTemplate('{{solana-bad:json}}', rng)).ok).toBe(false);
    }
  });

  it('ed25519-b64 is a consistent seed‖public pair', () => {
    const b = Buffer.from(F.expandTemplate('{{ed25519-b64}}', rng), 'base64');
    expect(b).toHaveLength(64);
    expect(validators['solana-keypair']!(F.solanaJson(() => 0.5)).ok).toBe(false); // repeated-byte seed refused
  });

  it('jwt decodes to JSON header and payload', () => {
    const [h, p] = F.expandTemplate('{{jwt}}', rng).split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p!, 'base64url').toString())).toHaveProperty('iat');
  });

  it('pem blocks', () => {
    for (const type of ['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK', 'ENCRYPTED PRIVATE KEY']) {
      const p = F.expandTemplate(`{{pem:${type}}}`, rng);
      const lines = p.split('\n');
      expect(lines[0]).toBe(`-----BEGIN ${type}-----`);
      expect(lines.at(-1)).toBe(`-----END ${type}-----`);
      expect(lines.length).toBeGreaterThan(3);
    }
    expect(F.expandTemplate('{{pem:RSA PRIVATE KEY}}', rng).split('\n')[1]).toMatch(/^MIIEpAIBAAKCAQEA/);
    expect(F.expandTemplate('{{pem:PRIVATE KEY}}', rng).split('\n')[1]).toMatch(/^MIIEvgIBADANBgkqhkiG9w0BAQEFAASC/);
    expect(F.expandTemplate('{{pem:OPENSSH PRIVATE KEY}}', rng).split('\n')[1]).toMatch(/^b3BlbnNzaC1rZXktdjEA/);
    expect(F.expandTemplate('{{pem:RSA PRIVATE KEY}}', rng).length).toBeGreaterThan(1600);
  });

  it('replaces several templates in one text, each fresh, and keeps other text', () => {
    const out = F.expandTemplate('A={{hex:8}} B={{hex:8}} C={{ .Values.x }} D=${VAR}', rng);
    const m = /^A=([0-9a-f]{8}) B=([0-9a-f]{8}) C=\{\{ \.Values\.x \}\} D=\$\{VAR\}$/.exec(out);
    expect(m).not.toBeNull();
    expect(m![1]).not.toBe(m![2]);
  });

  it('is deterministic for a seeded rng and random by default', () => {
    expect(F.expandTemplate('{{alnum:32}} {{bip39:12}}', seededRng(1))).toBe(F.expandTemplate('{{alnum:32}} {{bip39:12}}', seededRng(1)));
    expect(F.expandTemplate('{{hex:32}}')).not.toBe(F.expandTemplate('{{hex:32}}'));
  });

  it('unknown kinds and bad arguments throw, naming the kind', () => {
    expect(() => F.expandTemplate('x {{nope:3}} y')).toThrow(/nope/);
    expect(() => F.expandTemplate('{{hex}}')).toThrow(/hex/);
    expect(() => F.expandTemplate('{{xprv:qprv}}')).toThrow(/qprv/);
    expect(() => F.expandTemplate('{{bip39:13}}')).toThrow(/13/);
    expect(() => F.expandTemplate('{{github:ghz}}')).toThrow(/ghz/);
  });

  it('every kind listed in TEMPLATE_KINDS expands', () => {
    for (const k of F.TEMPLATE_KINDS) {
      const arg = Object.keys(F.ALPHABETS).includes(k) ? ':5' : '';
      expect(() => F.expandTemplate(`{{${k}${arg}}}`, rng), k).not.toThrow();
    }
  });
});
