// Rule model v2: a rule states the credential's facts (provider, parts and their shapes, how it is recognised) and
// this module turns them into matching, once, at load. A `prefixed` rule becomes an ordinary regex rule, built here
// from its part's prefix, alphabet and length; a `context` rule becomes a ContextMatcher that the engine runs on the
// bindings its grammar finds (src/detect/grammar.ts, src/detect/context.ts).

import type { ContextMatcher, PartMatcher, PartSpec, ProviderSpec, RuleSpec } from '../model/types.js';
import { ConfigError } from './errors.js';

/** Named alphabets, as regex character-class bodies. */
export const ALPHABET_CLASSES: Readonly<Record<string, string>> = {
  hex: '0-9a-f',
  HEX: '0-9A-F',
  hexany: '0-9a-fA-F',
  alnum: 'A-Za-z0-9',
  ALNUM: 'A-Z0-9',
  lalnum: 'a-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  digits: '0-9',
  base64: 'A-Za-z0-9+/',
  b64url: 'A-Za-z0-9_-',
  base58: '1-9A-HJ-NP-Za-km-z',
  base36: '0-9a-z',
  base32: 'A-Z2-7',
};

/** Which template alphabet of src/fakes makes values of a named alphabet. */
export const ALPHABET_FAKES: Readonly<Record<string, string>> = {
  hex: 'hex',
  HEX: 'HEX',
  hexany: 'hex',
  alnum: 'alnum',
  ALNUM: 'ALNUM',
  lalnum: 'lalnum',
  upper: 'upper',
  lower: 'lower',
  digits: 'digits',
  base64: 'base64',
  b64url: 'b64url',
  base58: 'base58',
  base36: 'base36',
  base32: 'base32',
};

/**
 * The words a binding's name must end with to name a part, when the part lists no `names` of its own, by part name.
 * Compared on the name's compact form (lower case, separators removed), see {@link compactName}.
 */
export const DEFAULT_PART_NAMES: Readonly<Record<string, readonly string[]>> = {
  key: ['key', 'apikey', 'accesskey', 'accessid', 'clientid', 'apitoken', 'token', 'keyid', 'apikeyid'],
  secret: ['secret', 'secretkey', 'apisecret', 'privatekey', 'clientsecret', 'signkey', 'apisecretkey', 'secretaccesskey'],
  passphrase: ['passphrase', 'password', 'pass', 'pwd', 'apipassphrase', 'apipassword'],
  password: ['password', 'pass', 'pwd', 'passwd', 'passphrase'],
  token: ['token', 'key', 'apikey', 'accesstoken', 'authtoken', 'apitoken', 'bearer', 'auth', 'secret', 'secretkey'],
  id: ['id', 'clientid', 'accountid', 'appid', 'keyid', 'username', 'user', 'accesskeyid'],
  clientid: ['clientid', 'id', 'appid', 'applicationid'],
  accountid: ['accountid', 'account', 'id', 'accountsid', 'sid'],
  username: ['username', 'user', 'login', 'userid'],
};

/** Name suffixes passed over when a binding name is compared with part names (`BINANCE_API_KEY_PROD`). */
const NAME_TAILS = ['prod', 'production', 'dev', 'development', 'test', 'testnet', 'live', 'staging', 'value', 'str', 'env', 'var', 'default'];

/** Splits an identifier into lower-case words: camelCase, snake_case, kebab-case, dots, brackets. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A name's compact form: lower-case letters and digits only. */
export function compactName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Drops trailing environment and provider words, and a trailing number, from a word list. */
export function trimTail(words: readonly string[], aliases: ReadonlySet<string>): string[] {
  const w = words.slice();
  while (w.length > 1) {
    const last = w[w.length - 1]!;
    if (/^\d+$/.test(last) || NAME_TAILS.includes(last) || aliases.has(last)) w.pop();
    else break;
  }
  return w;
}

function lengthSource(length: PartSpec['length'], where: Where): string {
  if (length === undefined) throw new ConfigError('a part needs a length (or segments)', where.file, where.ruleId, `${where.field}.length`);
  if (typeof length === 'number') return `{${length}}`;
  if (Array.isArray(length)) return length.length === 1 ? `{${length[0]}}` : `(?:${length.map((n) => `{${n}}`).join('|')})`;
  const m = /^(\d+)-(\d+)$/.exec(length);
  if (!m || Number(m[1]) > Number(m[2])) throw new ConfigError(`length "${length}" is not n, [n, m] or "min-max"`, where.file, where.ruleId, `${where.field}.length`);
  return `{${m[1]},${m[2]}}`;
}

interface Where {
  file?: string;
  ruleId?: string;
  field: string;
}

function classOf(alphabet: string | undefined, chars: string | undefined, where: Where): string {
  if (chars !== undefined) return chars;
  if (alphabet === undefined) throw new ConfigError('a part needs an alphabet or chars', where.file, where.ruleId, `${where.field}.alphabet`);
  const cls = ALPHABET_CLASSES[alphabet];
  if (cls === undefined) throw new ConfigError(`unknown alphabet "${alphabet}" (known: ${Object.keys(ALPHABET_CLASSES).join(', ')})`, where.file, where.ruleId, `${where.field}.alphabet`);
  return cls;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A length written as one number or a list, with a repetition count from a range: where `length` may be a quantity. */
function repeat(cls: string, length: PartSpec['length'], where: Where): string {
  const q = lengthSource(length, where);
  return q.startsWith('(?:') ? `(?:${q.slice(3, -1).split('|').map((n) => `[${cls}]${n}`).join('|')})` : `[${cls}]${q}`;
}

/**
 * The regex source of a part's value (no anchors, no boundaries) and the class of characters that may continue it:
 * prefix, then the body (alphabet × length, or segments), then suffix.
 */
export function partSource(part: PartSpec, where: Where): { source: string; tail: string } {
  const prefixes = part.prefix === undefined ? [] : Array.isArray(part.prefix) ? part.prefix : [part.prefix];
  let body: string;
  let tail: string;
  if (part.segments) {
    const pieces: string[] = [];
    tail = '';
    for (const [i, seg] of part.segments.entries()) {
      if (typeof seg === 'string') {
        pieces.push(escapeRegex(seg));
        continue;
      }
      const entries = Object.entries(seg);
      if (entries.length !== 1) throw new ConfigError('a segment is a literal or one { alphabet: length }', where.file, where.ruleId, `${where.field}.segments[${i}]`);
      const [alphabet, length] = entries[0]!;
      const cls = classOf(alphabet, undefined, { ...where, field: `${where.field}.segments[${i}]` });
      pieces.push(repeat(cls, length as PartSpec['length'], { ...where, field: `${where.field}.segments[${i}]` }));
      tail = cls;
    }
    body = pieces.join('');
  } else {
    const cls = classOf(part.alphabet, part.chars, where);
    body = repeat(cls, part.length, where);
    tail = cls;
  }
  const prefix = prefixes.length === 0 ? '' : prefixes.length === 1 ? escapeRegex(prefixes[0]!) : `(?:${prefixes.map(escapeRegex).join('|')})`;
  const suffix = part.suffix === undefined ? '' : escapeRegex(part.suffix);
  if (part.suffix !== undefined) tail = 'A-Za-z0-9';
  return { source: `${prefix}${body}${suffix}`, tail: tail || 'A-Za-z0-9' };
}

/**
 * Left boundary of a self-identifying token: no letter or digit right before it, except one that ends an escape
 * (`\n`, `\t`, `%3D`, `%22`), so a key right after an escape is still seen.
 */
export const TOKEN_LEFT = '(?<!(?<!\\\\|%[0-9A-Fa-f])[A-Za-z0-9_])';

/** The regex of a prefixed rule: its one part, between token boundaries, as the named group `secret`. */
export function prefixedRegex(spec: RuleSpec, where: Where): { regex: string; keywords: string[] } {
  const parts = Object.entries(spec.parts ?? {});
  if (parts.length !== 1) throw new ConfigError('a prefixed rule has exactly one part', where.file, where.ruleId, 'parts');
  const [name, part] = parts[0]!;
  const prefixes = part.prefix === undefined ? [] : Array.isArray(part.prefix) ? part.prefix : [part.prefix];
  if (prefixes.length === 0 || prefixes.some((p) => p.length < 2)) {
    throw new ConfigError('a prefixed rule needs a prefix of two or more characters', where.file, where.ruleId, `parts.${name}.prefix`);
  }
  const { source, tail } = partSource(part, { ...where, field: `parts.${name}` });
  const left = /^[A-Za-z0-9_]/.test(prefixes[0]!) ? TOKEN_LEFT : '';
  const right = `(?![A-Za-z0-9_]|[${tail}])`;
  return { regex: `${left}(?<secret>${source})${right}`, keywords: [...new Set(prefixes.map((p) => p.toLowerCase()))] };
}

/** The part matchers of a rule: each part's whole-value regex, names, entropy and validator. */
export function partMatchers(spec: RuleSpec, where: Where): PartMatcher[] {
  return Object.entries(spec.parts ?? {}).map(([name, part]) => {
    const { source } = partSource(part, { ...where, field: `parts.${name}` });
    const names = (part.names ?? DEFAULT_PART_NAMES[name] ?? [name]).map(compactName);
    return {
      name,
      shape: new RegExp(`^(?:${source})$`),
      names: [...new Set(names)],
      entropy: part.entropy ?? spec.entropy ?? 0,
      validate: part.validate ?? null,
      optional: part.optional ?? false,
    };
  });
}

/** Turns a URL template (`https://*.infura.io/v3/{key}`) into a regex with one named group per part. */
export function urlTemplateRegex(template: string, parts: readonly PartMatcher[], where: Where): { regex: RegExp; keyword: string } {
  let source = '';
  let longest = '';
  for (const piece of template.split(/(\{[a-z][a-z0-9]*\}|\*)/)) {
    if (piece === '*') source += '[A-Za-z0-9-]+';
    else if (/^\{[a-z][a-z0-9]*\}$/.test(piece)) {
      const name = piece.slice(1, -1);
      const part = parts.find((p) => p.name === name);
      if (!part) throw new ConfigError(`URL template names an unknown part "${name}"`, where.file, where.ruleId, 'context.urls');
      source += `(?<${name}>${part.shape.source.slice(4, -2)})`;
    } else {
      source += escapeRegex(piece);
      if (piece.length > longest.length) longest = piece;
    }
  }
  const host = /[a-z0-9-]+(?:\.[a-z0-9-]+)+/i.exec(longest)?.[0] ?? longest;
  if (host.length < 4) throw new ConfigError(`URL template "${template}" has no literal host to search for`, where.file, where.ruleId, 'context.urls');
  return { regex: new RegExp(`${source}(?![A-Za-z0-9_-])`, 'gd'), keyword: host.toLowerCase() };
}

/** Builds the matcher of a context rule from its facts and its provider's aliases. */
export function contextMatcher(spec: RuleSpec, provider: ProviderSpec | undefined, where: Where): ContextMatcher {
  const parts = partMatchers(spec, where);
  if (parts.length === 0) throw new ConfigError('a context rule needs at least one part', where.file, where.ruleId, 'parts');
  const ctx = spec.context ?? {};
  const aliases = (ctx.aliases ?? provider?.aliases ?? (spec.provider ? [spec.provider] : [])).map((a) => a.toLowerCase());
  const headers = new Map<string, string>();
  const main = spec.main ?? parts[0]!.name;
  if (!parts.some((p) => p.name === main)) throw new ConfigError(`main names an unknown part "${main}"`, where.file, where.ruleId, 'main');
  if (Array.isArray(ctx.headers)) for (const h of ctx.headers) headers.set(h.toLowerCase(), main);
  else for (const [h, p] of Object.entries(ctx.headers ?? {})) {
    if (!parts.some((x) => x.name === p)) throw new ConfigError(`header ${h} names an unknown part "${p}"`, where.file, where.ruleId, 'context.headers');
    headers.set(h.toLowerCase(), p);
  }
  const urls = (ctx.urls ?? []).map((u) => urlTemplateRegex(u, parts, where));
  const anyName = ctx.anyName ?? false;
  if (aliases.length === 0 && headers.size === 0 && urls.length === 0 && !anyName) {
    throw new ConfigError('a context rule needs a provider with aliases, headers, urls or anyName: true', where.file, where.ruleId, 'context');
  }
  const keywords = new Set<string>([...aliases, ...headers.keys(), ...urls.map((u) => u.keyword)]);
  if (anyName) for (const p of parts) for (const n of spec.parts![p.name]!.names ?? DEFAULT_PART_NAMES[p.name] ?? [p.name]) keywords.add(n.toLowerCase());
  return {
    parts,
    main,
    aliases,
    headers,
    urls,
    window: ctx.window ?? 3,
    pairing: spec.pairing ?? 'optional',
    anyName,
    exclude: (ctx.exclude ?? []).map(compactName),
    keywords: [...keywords].filter((k) => k.length >= 3),
  };
}
