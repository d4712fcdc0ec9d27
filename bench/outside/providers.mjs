// Maps a peer's detector name (gitleaks rule id, TruffleHog detector directory) to a keyhound provider id, from the
// providers declared in rules/*.yaml (id, display name, aliases) and a small table of names that do not line up.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const norm = (s) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

// Peer detector name (normalised) -> keyhound provider id, where names alone do not line up; null: a peer detector
// that names no provider (generic and structural detectors), so no own rule is expected for it.
export const OVERRIDES = {
  // gitleaks
  'generic-api-key': null,
  'private-key': 'private-key',
  'jwt': 'jwt',
  'jwt-base64': 'jwt',
  'curl-auth-header': null,
  'curl-auth-user': null,
  'kubernetes-secret-yaml': null,
  'pkcs12-file': null,
  'hashicorp-tf-api-token': 'terraform-cloud',
  'hashicorp-tf-password': null,
  'vault-service-token': 'hashicorp-vault',
  'vault-batch-token': 'hashicorp-vault',
  'github-pat': 'github',
  'github-fine-grained-pat': 'github',
  'github-oauth': 'github',
  'github-app-token': 'github',
  'github-refresh-token': 'github',
  'gcp-api-key': 'google',
  'gcp-service-account': 'google',
  'azure-ad-client-secret': 'azure-ad',
  'aws-access-token': 'aws',
  'aws-amazon-bedrock-api-key-short-lived': 'aws-bedrock',
  'aws-amazon-bedrock-api-key-long-lived': 'aws-bedrock',
  'nuget-config-password': null,
  'octopus-deploy-api-key': 'octopusdeploy',
  'facebook-page-access-token': 'facebook',
  'sourcegraph-access-token': 'sourcegraph',
  // TruffleHog
  'privatekey': 'private-key',
  'uri': 'database',
  'jdbc': 'database',
  'ldap': 'database',
  'redis': 'database',
  'mongodb': 'database',
  'postgres': 'database',
  'sqlserver': 'database',
  'ftp': 'database',
  'generic': null,
  'jwt-th': 'jwt',
  'azure_entra': 'azure',
  'azure_storage': 'azure',
  'azure_batch': 'azure',
  'azure_cosmosdb': 'azure',
  'azure_openai': 'azure-openai',
  'azureopenai': 'azure-openai',
  'gcp': 'google',
  'gcpapplicationdefaultcredentials': 'google',
  'githubapp': 'github',
  'github_oauth2': 'github',
  'gemini': null, // TruffleHog's gemini is the Gemini exchange, not Google's Gemini
  'polygon': null, // polygon.io market data, not PolygonScan
  'linemessaging': null,
  'geoipifi': null, // ipify's geolocation API, not MaxMind
  'youtubeapikey': 'google', // a Google API key
};

/**
 * keyhound's providers that have at least one rule, from rules/*.yaml: { ids: Set, index: Map<normalised id, name or
 * alias, id> }.
 */
export function keyhoundProviders(root) {
  const declared = [];
  const ids = new Set();
  const dir = join(root, 'rules');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const doc = parse(readFileSync(join(dir, f), 'utf8'));
    declared.push(...(doc?.providers ?? []));
    for (const r of doc?.rules ?? []) if (r.provider) ids.add(r.provider);
  }
  const index = new Map();
  for (const pass of ['id', 'names']) {
    for (const p of declared) {
      if (!ids.has(p.id)) continue;
      for (const n of pass === 'id' ? [p.id] : [p.name, ...(p.aliases ?? [])]) {
        if (typeof n !== 'string') continue;
        const k = norm(n);
        if (k.length >= 3 && !index.has(k)) index.set(k, p.id);
      }
    }
  }
  return { ids, index };
}

const STRIP = ['apikey', 'api', 'key', 'keys', 'token', 'tokens', 'secret', 'oauth', 'oauth2', 'accesstoken', 'pat', 'personalaccesstoken', 'auth', 'v1', 'v2', 'v3'];

/** The keyhound provider id for a peer detector, or null (no provider: a generic or uncovered detector). */
export function mapDetector(peer, detector, providers) {
  const key = peer === 'trufflehog' && detector === 'jwt' ? 'jwt-th' : detector;
  if (Object.hasOwn(OVERRIDES, key)) {
    const o = OVERRIDES[key];
    return o && providers.ids.has(o) ? o : null;
  }
  const words = detector.split(/[-/_]/).filter(Boolean);
  const tries = [];
  for (let k = words.length; k >= 1; k--) tries.push(norm(words.slice(0, k).join('')));
  let whole = norm(detector);
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of STRIP) {
      if (whole.length > s.length + 2 && whole.endsWith(s)) {
        whole = whole.slice(0, -s.length);
        tries.push(whole);
        changed = true;
      }
    }
  }
  for (const t of tries) {
    const id = providers.index.get(t);
    if (id && id !== 'generic') return id;
  }
  // A glued TruffleHog name that starts with a provider's name: stripepaymentintent, bitbucketapppassword.
  let best = null;
  for (const [k, id] of providers.index) {
    if (k.length >= 4 && id !== 'generic' && whole0(detector).startsWith(k) && (!best || k.length > best[0].length)) best = [k, id];
  }
  return best ? best[1] : null;
}

const whole0 = (d) => norm(d.split('/')[0]);
