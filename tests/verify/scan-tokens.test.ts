// End to end for token providers: `keyhound scan --verify` on files with one live and one dead token each of OpenAI,
// Anthropic, GitHub, GitLab and Stripe (shapes the rules find, checksums valid), against the stand-ins.

import { describe, expect, it } from 'vitest';
import { expandTemplate, groqKey, npmToken } from '../../src/fakes/index.js';
import { keyhoundAsync } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { fake } from './helpers.js';
import { endpointsFor, startStandIn, type StandInHandler } from './stand-in.js';
import { TOKEN_CASES, tokenHandler } from './stand-ins/tokens.js';

const TEMPLATES: Record<string, string> = {
  openai: 'sk-proj-{{b64url:74}}T3BlbkFJ{{b64url:74}}',
  anthropic: 'sk-ant-api03-{{b64url:93}}AA',
  github: '{{github:ghp}}',
  gitlab: 'glpat-{{b64url:20}}',
  stripe: 'sk_live_{{alnum:32}}',
};

const run = (args: string[], env: NodeJS.ProcessEnv) => keyhoundAsync(args, { env });

describe('keyhound scan --verify on tokens', () => {
  it('tells live from dead for OpenAI, Anthropic, GitHub, GitLab and Stripe', async () => {
    const handlers: Record<string, StandInHandler> = {};
    const dir = tempDir();
    for (const [provider, template] of Object.entries(TEMPLATES)) {
      const c = TOKEN_CASES.find((x) => x.provider === provider)!;
      const live = expandTemplate(template);
      const dead = expandTemplate(template);
      handlers[c.endpoint] = tokenHandler(c, new Set([live]));
      writeTree(dir, { [`live/${provider}.env`]: `TOKEN="${live}"\n`, [`dead/${provider}.env`]: `TOKEN="${dead}"\n` });
    }
    const s = await startStandIn(handlers);
    const r = await run(['scan', dir, '--verify', '--format', 'json'], { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, Object.keys(TEMPLATES)) });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { path: string; provider: string; verification?: { status: string } }[] }).findings;
    for (const provider of Object.keys(TEMPLATES)) {
      const at = (where: string) => findings.filter((f) => f.path === `${where}/${provider}.env`);
      expect(at('live').map((f) => f.verification?.status), provider).toEqual(['live']);
      expect(at('dead').map((f) => f.verification?.status), provider).toEqual(['invalid']);
    }
    expect(r.stderr).toContain('sent 10 credentials to: ');
  });

  it('tells live from dead for Helius, Moralis, CryptoCompare, BscScan and PolygonScan (context rules: the key by its name)', async () => {
    const uuid = () => `${fake(8, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(4, 'hex')}-${fake(12, 'hex')}`;
    const PLANTS: [provider: string, name: string, make: () => string][] = [
      ['helius', 'HELIUS_API_KEY', uuid],
      ['moralis', 'MORALIS_API_KEY', () => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJub25jZSI6${fake(220, 'b64url')}.${fake(43, 'b64url')}`],
      ['cryptocompare', 'CRYPTOCOMPARE_API_KEY', () => fake(64, 'hex')],
      ['bscscan', 'BSCSCAN_API_KEY', () => fake(34, 'ALNUM')],
      ['polygonscan', 'POLYGONSCAN_API_KEY', () => fake(34, 'ALNUM')],
    ];
    const live = new Map<string, Set<string>>();
    const dir = tempDir();
    for (const [provider, name, make] of PLANTS) {
      const [l, d] = [make(), make()];
      const endpoint = TOKEN_CASES.find((x) => x.provider === provider)!.endpoint;
      live.set(endpoint, new Set([...(live.get(endpoint) ?? []), l]));
      writeTree(dir, { [`live/${provider}.env`]: `${name}=${l}\n`, [`dead/${provider}.env`]: `${name}=${d}\n` });
    }
    // BscScan and PolygonScan share Etherscan's endpoint: one stand-in knows both live keys.
    const handlers: Record<string, StandInHandler> = {};
    for (const [provider] of PLANTS) {
      const c = TOKEN_CASES.find((x) => x.provider === provider)!;
      handlers[c.endpoint] = tokenHandler(c, live.get(c.endpoint)!);
    }
    const s = await startStandIn(handlers);
    const r = await run(['scan', dir, '--verify', '--format', 'json'], { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, Object.keys(handlers)) });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { path: string; provider: string; verification?: { status: string } }[] }).findings;
    for (const [provider] of PLANTS) {
      const at = (where: string) => findings.filter((f) => f.path === `${where}/${provider}.env`);
      expect(at('live').map((f) => f.verification?.status), provider).toEqual(['live']);
      expect(at('dead').map((f) => f.verification?.status), provider).toEqual(['invalid']);
    }
    expect(r.stderr).toContain('sent 10 credentials to: ');
  });

  // Issue 20 asks that a scan with --verify tell live from dead for each provider: the token providers the two tests
  // above leave out, with tokens in the shapes their own rules find (the stand-ins' generators, src/fakes, or by hand).
  it('tells live from dead for the other token providers (AI, platforms, market data and nodes)', async () => {
    const PLANTS: [provider: string, make?: () => string][] = [
      ['google'], ['groq', () => groqKey()], ['mistral'], ['xai'], ['deepseek'], ['openrouter'], ['cohere'],
      ['npm', () => npmToken()], ['slack'], ['telegram'], ['sendgrid'],
      ['coinmarketcap'], ['etherscan'], ['infura'], ['alchemy'],
      // The rules' shapes: Hugging Face's body is letters only, CoinGecko's 24 characters.
      ['huggingface', () => `hf_${fake(17, 'lower')}${fake(17, 'upper')}`], ['coingecko', () => `CG-${fake(24)}`],
    ];
    const live = new Map<string, Set<string>>();
    const handlers: Record<string, StandInHandler> = {};
    const dir = tempDir();
    for (const [provider, make] of PLANTS) {
      const c = TOKEN_CASES.find((x) => x.provider === provider)!;
      const [l, d] = [(make ?? c.token)(), (make ?? c.token)()];
      live.set(c.endpoint, new Set([l]));
      handlers[c.endpoint] = tokenHandler(c, live.get(c.endpoint)!);
      Object.assign(handlers, c.extra);
      const name = `${provider.toUpperCase()}_API_KEY`;
      writeTree(dir, { [`live/${provider}.env`]: `${name}="${l}"\n`, [`dead/${provider}.env`]: `${name}="${d}"\n` });
    }
    const s = await startStandIn(handlers);
    const r = await run(['scan', dir, '--verify', '--format', 'json'], { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, Object.keys(handlers)) });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: { path: string; provider: string; verification?: { status: string } }[] }).findings;
    for (const [provider] of PLANTS) {
      const at = (where: string) => findings.filter((f) => f.path === `${where}/${provider}.env`);
      expect(at('live').map((f) => [f.provider, f.verification?.status]), provider).toEqual([[provider, 'live']]);
      expect(at('dead').map((f) => [f.provider, f.verification?.status]), provider).toEqual([[provider, 'invalid']]);
    }
    expect(r.stderr).toContain(`sent ${PLANTS.length * 2} credentials to: `);
  });
});
