// The SARIF 2.1.0 report, shaped for GitHub code scanning: one run, each rule that has results listed once (GitHub
// caps the number of rules per run), content-derived partialFingerprints so an alert keeps its identity when lines
// move, and messages that name the provider but never the secret.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
// GitHub: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning

import type { Finding, Severity } from '../model/types.js';
import { wellFormed } from './escape.js';
import type { ReportMeta, RuleMeta } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key under `partialFingerprints`; bump the version if the fingerprint's inputs ever change. */
export const FINGERPRINT_KEY = 'keyhound/v1';

/** GitHub's `security-severity` (0.0–10.0) per severity: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low < 4.0. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** `github-token` → `GithubToken`: SARIF's friendly rule name. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** A relative POSIX path as a relative URI reference: each segment percent-encoded (spaces, quotes, `#`, `?`, `%`…). */
export function pathToUri(path: string): string {
  return wellFormed(path).split('/').map(encodeURIComponent).join('/');
}

/**
 * A rule's references split into links (the provider's documentation) and notes on the format, which rules write as
 * `observed: …` (seen in public code, not documented) or `unverified: …`.
 */
export function splitReferences(refs: readonly string[]): { links: string[]; notes: string[] } {
  const links = refs.filter((r) => /^https?:\/\//i.test(r));
  return { links, notes: refs.filter((r) => !links.includes(r)).map(noteText) };
}

// Character classes that notes use, in words.
const CLASSES: Readonly<Record<string, string>> = {
  '[A-Za-z0-9]': 'letters and digits',
  '[a-zA-Z0-9]': 'letters and digits',
  '[0-9A-Z]': 'upper-case letters and digits',
  '[A-Z0-9]': 'upper-case letters and digits',
  '[0-9a-z]': 'lower-case letters and digits',
  '[a-z0-9]': 'lower-case letters and digits',
  '[0-9A-F]': 'upper-case hex digits',
  '[0-9a-f]': 'lower-case hex digits',
};

/** `observed: 64 [A-Za-z0-9] in public repositories` → a sentence a reader of the alert understands. */
export function noteText(note: string): string {
  const m = /^(observed once|observed|unverified)\s*:\s*(.*)$/is.exec(note.trim());
  let body = (m ? m[2]! : note.trim()).replace(/\[[^\]\s]{3,12}\]/g, (c) => CLASSES[c] ?? c);
  body = body.charAt(0).toUpperCase() + body.slice(1);
  if (!/[.!?]$/.test(body)) body += '.';
  const kind = m?.[1]!.toLowerCase();
  if (kind === 'observed') return `${body} (Seen in public code; the provider does not document it.)`;
  if (kind === 'observed once') return `${body} (Seen once in public code; the provider does not document it.)`;
  if (kind === 'unverified') return `${body} (Not confirmed by the provider's documentation.)`;
  return body;
}

/** `https://docs.example.com/api/auth-keys` → `docs.example.com › api › auth-keys`: a link's text in markdown. */
export function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
    const label = [u.host.replace(/^www\./, ''), ...parts].join(' › ') + (u.hash.length > 1 ? ` (${u.hash.slice(1)})` : '');
    return label.length > 100 ? `${label.slice(0, 99)}…` : label;
  } catch {
    return url;
  }
}

/** Text shown literally in GitHub markdown: its markup characters (`_`, `*`, `<`…) escaped. */
function markdownText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}

function help(rule: RuleMeta): { text: string; markdown: string } {
  const { links, notes } = splitReferences(rule.references);
  const text = [
    `${rule.description} (${rule.id}, severity ${rule.severity}).`,
    'Anyone who can read this code or its history can use the key.',
    'To fix: 1. Rotate the key at its provider first: it may already have been copied. ' +
      '2. Remove it from the code and load it from a secret store or the environment; if the repository is public, also purge it from history. ' +
      '3. If it is a test value, allow it with a `keyhound:allow` comment on its line; if it is an accepted old leak, add it to the baseline (`keyhound baseline`).',
    ...(links.length ? ['References:', ...links.map((r) => `- ${r}`)] : []),
    ...(notes.length ? ['About the key format:', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
  const markdown = [
    `**${rule.description}** (\`${rule.id}\`, severity ${rule.severity})`,
    '',
    'Anyone who can read this code or its history can use the key.',
    '',
    '### How to fix',
    '1. **Rotate** the key at its provider first: it may already have been copied.',
    '2. **Remove** it from the code and load it from a secret store or the environment. If the repository is public, also purge it from history.',
    '3. **Allow** it only if it is not a live key: a test value gets a `keyhound:allow` comment on its line; an accepted old leak goes in the baseline (`keyhound baseline`).',
    ...(links.length ? ['', '### References', ...links.map((r) => `- [${markdownText(linkLabel(r))}](${r.replace(/[()\s]/g, encodeURIComponent)})`)] : []),
    ...(notes.length ? ['', '### About the key format', ...notes.map((n) => `- ${markdownText(n)}`)] : []),
  ].join('\n');
  return { text, markdown };
}

function ruleDescriptor(rule: RuleMeta): Record<string, unknown> {
  const tags = [...new Set(['security', 'secret', rule.family, ...rule.tags])];
  // The first documentation link; a format note is no URI.
  const helpUri = splitReferences(rule.references).links[0];
  // SARIF wants `name` to differ from `id` (multitool SARIF1001): a one-word id (`jwt`) has no name of its own.
  const name = pascalCase(rule.id);
  return {
    id: rule.id,
    ...(name.toLowerCase() === rule.id.toLowerCase() ? {} : { name }),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}: a leaked credential (${rule.family} rules, severity ${rule.severity}).` },
    ...(helpUri ? { helpUri } : {}),
    help: help(rule),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags,
      precision: rule.precision,
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** Rule metadata for a finding whose rule the reporter was not told about (e.g. a hand-built finding list). */
function fallbackRule(f: Finding): RuleMeta {
  return { id: f.ruleId, description: f.description, severity: f.severity, family: 'unknown', tags: [], references: [], precision: 'high' };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const where =
    (f.repository ? ` in repository ${f.repository.name}` : '') +
    (f.commit ? ` in commit ${f.commit.sha.slice(0, 12)}` : '') +
    (f.decoded ? ` (decoded from ${f.decoded.join(', then ')})` : '');
  // In an audit of many repositories, one SARIF file holds them all: each path starts with its repository's name,
  // so alerts of different repositories never share a location.
  const uri = f.repository ? `${pathToUri(f.repository.name)}/${pathToUri(f.path)}` : pathToUri(f.path);
  const properties = {
    ...(f.repository ? { repository: f.repository.name, repositoryUrl: f.repository.url } : {}),
    ...(f.commit ? { commitSha: f.commit.sha, commitAuthor: f.commit.author, commitDate: f.commit.date } : {}),
    ...(f.decoded ? { decoded: f.decoded } : {}),
    ...(f.verification ? { verification: f.verification } : {}),
  };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: {
      text: `${f.verification?.status === 'live' ? 'LIVE: ' : ''}${f.description} found${where}. Rotate it at the provider, then remove it from the code (or allow it if it is a test value).`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
          // SARIF's endColumn is exclusive; keyhound's is inclusive.
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn + 1 },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(Object.keys(properties).length ? { properties } : {}),
  };
}

export function sarifReport(findings: readonly Finding[], meta: ReportMeta): string {
  const known = new Map((meta.rules ?? []).map((r) => [r.id, r]));
  const rules: RuleMeta[] = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push(known.get(f.ruleId) ?? fallbackRule(f));
  }
  const doc = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: meta.tool.name,
            version: meta.tool.version,
            semanticVersion: meta.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(f, index.get(f.ruleId)!)),
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
