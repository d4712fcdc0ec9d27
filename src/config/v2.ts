// Rule model v2: a rule states the credential's facts (provider, parts and their shapes, how it is recognised) and
// this module turns them into matching, once, at load. A `prefixed` rule becomes an ordinary regex rule, built here
// from its part's prefix, alphabet and length; a `context` rule becomes a ContextMatcher that the engine runs on the
// bindings its grammar finds (src/detect/grammar.ts, src/detect/context.ts).

import type { CallMatcher, ContextMatcher, LengthSpec, PartMatcher, PartSpec, Presence, ProviderSpec, RuleSpec } from '../model/types.js';
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
export function nameWords(name: string): readonly string[] {
  let words = WORDS.get(name);
  if (words === undefined) {
    if (WORDS.size >= 50_000) WORDS.clear();
    // The key is a copy: a name cut from a file's text is a slice that keeps the whole text alive, and a memo of
    // such slices kept every scanned file with a binding in memory (a peak RSS twice the size before it).
    WORDS.set(ownCopy(name), (words = splitWords(name)));
  }
  return words;
}

/**
 * A string that shares no memory with the text `s` was cut from. V8 makes a longer substring a view of its parent;
 * a concatenation flattened by `slice` is a new string.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Names already split: the same binding names come back for every rule that looks at a line. */
const WORDS = new Map<string, string[]>();

function splitWords(name: string): string[] {
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

/**
 * Drops trailing environment and provider words, and a trailing number, from a word list; a number glued to the
 * last word goes too when it has one or two digits (`token1`, `apiKey2`: the second of two keys), not three or
 * more (`sha256`).
 */
export function trimTail(words: readonly string[], aliases: ReadonlySet<string>): string[] {
  const w = words.slice();
  while (w.length > 1) {
    const last = w[w.length - 1]!;
    if (/^\d+$/.test(last) || NAME_TAILS.includes(last) || aliases.has(last)) w.pop();
    else break;
  }
  const numbered = /^([a-z]{2,})\d{1,2}$/.exec(w[w.length - 1] ?? '');
  if (numbered) w[w.length - 1] = numbered[1]!;
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

/** A segment's class and length: `{ alnum: 20 }` or `{ chars: 'A-Za-z0-9._', length: 96 }`. */
export function segmentClass(seg: Record<string, LengthSpec>, where: Where): { cls: string; length: LengthSpec } {
  if ('chars' in seg) {
    const chars = seg.chars as unknown;
    if (typeof chars !== 'string' || seg.length === undefined || Object.keys(seg).length !== 2) {
      throw new ConfigError('a chars segment is { chars: class, length: n }', where.file, where.ruleId, where.field);
    }
    return { cls: chars, length: seg.length };
  }
  const entries = Object.entries(seg);
  if (entries.length !== 1) throw new ConfigError('a segment is a literal, { alphabet: length } or { chars, length }', where.file, where.ruleId, where.field);
  const [alphabet, length] = entries[0]!;
  return { cls: classOf(alphabet, undefined, where), length };
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
  const prefixes = partPrefixes(part);
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
      const at = { ...where, field: `${where.field}.segments[${i}]` };
      const { cls, length } = segmentClass(seg, at);
      pieces.push(repeat(cls, length, at));
      tail = cls;
    }
    body = pieces.join('');
  } else {
    const cls = classOf(part.alphabet, part.chars, where);
    body = repeat(cls, part.length, where);
    tail = cls;
  }
  // An empty prefix in the list makes the others optional (`['0x', '']`).
  const real = prefixes.filter((p) => p !== '');
  const alternation = real.length === 1 ? escapeRegex(real[0]!) : `(?:${real.map(escapeRegex).join('|')})`;
  const prefix = real.length === 0 ? '' : real.length < prefixes.length ? `(?:${alternation})?` : alternation;
  const suffix = part.suffix === undefined ? '' : escapeRegex(part.suffix);
  if (part.suffix !== undefined) tail = 'A-Za-z0-9';
  return { source: `${prefix}${body}${suffix}`, tail: tail || 'A-Za-z0-9' };
}

/**
 * Left boundary of a self-identifying token: no letter or digit right before it, except one that ends an escape
 * (`\n`, `\t`, `%3D`, `%22`), so a key right after an escape is still seen.
 */
export const TOKEN_LEFT = '(?<!(?<!\\\\|%[0-9A-Fa-f])[A-Za-z0-9_])';

/**
 * The run of characters a part's value has right after its prefix, as a class and a shortest length: its alphabet
 * and length, or its first segment when that is a class. Null when it starts with a literal segment or has no length.
 */
export function bodyStart(part: PartSpec): { cls: string; min: number } | null {
  const where = { field: 'parts' };
  try {
    if (part.segments) {
      const first = part.segments[0];
      if (first === undefined || typeof first === 'string') return null;
      const { cls, length } = segmentClass(first, where);
      const min = minLength(length);
      return min === null ? null : { cls, min };
    }
    const min = minLength(part.length);
    return min === null ? null : { cls: classOf(part.alphabet, part.chars, where), min };
  } catch {
    return null;
  }
}

/** A part's prefixes, as a list (a value starts with one of them); empty when it has none. */
export function partPrefixes(part: PartSpec): string[] {
  return part.prefix === undefined ? [] : Array.isArray(part.prefix) ? part.prefix : [part.prefix];
}

/** The literals a value must contain, longest first: prefixes, suffix, and literal segments. */
export function partLiterals(part: PartSpec): string[] {
  const prefixes = partPrefixes(part);
  const inner = (part.segments ?? []).filter((x): x is string => typeof x === 'string');
  return [...prefixes, ...inner, ...(part.suffix !== undefined ? [part.suffix] : [])].filter((x) => x !== '');
}

/**
 * The regex of a prefixed rule: its one part, between token boundaries, as the named group `secret`. The keywords
 * are its prefixes, or, for a token whose fixed literal sits inside or at its end (`<digits>:AA<33>`, `…_mmk`),
 * that literal (3 characters or more).
 */
export function prefixedRegex(spec: RuleSpec, where: Where): { regex: string; keywords: string[] } {
  const parts = Object.entries(spec.parts ?? {});
  if (parts.length !== 1) throw new ConfigError('a prefixed rule has exactly one part', where.file, where.ruleId, 'parts');
  const [name, part] = parts[0]!;
  const prefixes = partPrefixes(part);
  let keywords: string[];
  if (prefixes.length > 0 && prefixes.every((p) => p.length >= 2)) keywords = prefixes;
  else {
    const inner = partLiterals({ ...part, prefix: undefined }).sort((a, b) => b.length - a.length)[0];
    if (inner === undefined || inner.length < 3) {
      throw new ConfigError(
        'a prefixed rule needs a prefix of two or more characters, or a literal of three or more in its segments or suffix',
        where.file,
        where.ruleId,
        `parts.${name}.prefix`,
      );
    }
    keywords = [inner];
  }
  const { source, tail } = partSource(part, { ...where, field: `parts.${name}` });
  const left = prefixes.length > 0 && prefixes.every((p) => !/^[A-Za-z0-9_]/.test(p)) ? '' : TOKEN_LEFT;
  const right = `(?![A-Za-z0-9_]|[${tail}])`;
  return { regex: `${left}(?<secret>${source})${right}`, keywords: [...new Set(keywords.map((p) => p.toLowerCase()))] };
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
      prefixes: partPrefixes(part).filter((x) => x.length >= 3),
      presence: presenceOf(part, { ...where, field: `parts.${name}` }),
    };
  });
}

/** Shortest run a presence test looks for: shorter runs are on nearly every line of code. */
const MIN_PRESENCE = 12;

/**
 * A test a line must pass to hold a value of the part's shape: a run of its body's characters (its alphabet, or its
 * longest segment's) as long as the body's shortest length. Null when that run would be shorter than
 * {@link MIN_PRESENCE}. A class with `/` also takes `\`, since a JSON-escaped slash (`\/`) is undone in values.
 */
function presenceOf(part: PartSpec, where: Where): Presence | null {
  let best: { cls: string; min: number } | null = null;
  const consider = (cls: string, length: PartSpec['length']): void => {
    const min = minLength(length);
    if (min !== null && (!best || min > best.min)) best = { cls, min };
  };
  if (part.segments) {
    for (const seg of part.segments) if (typeof seg !== 'string') {
      const { cls, length } = segmentClass(seg, where);
      consider(cls, length);
    }
  } else consider(classOf(part.alphabet, part.chars, where), part.length);
  const found = best as { cls: string; min: number } | null;
  if (!found || found.min < MIN_PRESENCE) return null;
  const cls = `${found.cls.includes('/') ? '\\\\' : ''}${found.cls}`;
  return { source: `[${cls}]{${found.min}}`, cls, min: found.min };
}

/** The shortest length a length fact allows (null when it cannot be read). */
function minLength(length: PartSpec['length']): number | null {
  if (typeof length === 'number') return length;
  if (Array.isArray(length)) return length.length ? Math.min(...length) : null;
  const m = /^(\d+)-(\d+)$/.exec(String(length));
  return m ? Number(m[1]) : null;
}

/** Turns a URL template (`https://*.infura.io/v3/{key}`) into a regex with one named group per part. */
export function urlTemplateRegex(template: string, parts: readonly PartMatcher[], where: Where): { regex: RegExp; keyword: string; lineBound: boolean } {
  let source = '';
  let longest = '';
  const pieces = template.split(/(\{[a-z][a-z0-9]*\}|\*)/).filter((p) => p !== '');
  for (const piece of pieces) {
    if (piece === '*') source += '[A-Za-z0-9_-]+';
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
  // A part that ends the template needs a boundary; a literal after the last part is its own.
  const endsWithPart = /^\{[a-z][a-z0-9]*\}$/.test(pieces[pieces.length - 1] ?? '');
  // Line-bound when nothing in it can match a line break: no white-space or negated class, no dot, no \D \W \S.
  const lineBound = !/\\[sSDWnr]|\[\^|(?<!\\)\./.test(source);
  return { regex: new RegExp(`${source}${endsWithPart ? '(?![A-Za-z0-9_-])' : ''}`, 'gd'), keyword: host.toLowerCase(), lineBound };
}

/** Builds the matcher of a context rule from its facts and its provider's aliases. */
export function contextMatcher(spec: RuleSpec, provider: ProviderSpec | undefined, where: Where): ContextMatcher {
  const parts = partMatchers(spec, where);
  if (parts.length === 0) throw new ConfigError('a context rule needs at least one part', where.file, where.ruleId, 'parts');
  const ctx = spec.context ?? {};
  // A rule that goes by names alone (anyName) has no provider words to look for, unless it lists some.
  const anyName = ctx.anyName ?? false;
  // A rule that goes by manifests has no names to look for either: its values sit under a section of any name.
  const aliases = (ctx.aliases ?? (anyName || ctx.manifest ? [] : (provider?.aliases ?? (spec.provider ? [spec.provider] : [])))).map((a) => a.toLowerCase());
  const headers = new Map<string, string>();
  const main = spec.main ?? parts[0]!.name;
  if (!parts.some((p) => p.name === main)) throw new ConfigError(`main names an unknown part "${main}"`, where.file, where.ruleId, 'main');
  // Headers and provider-specific names: compared on the compact name (`X-MBX-APIKEY` → xmbxapikey).
  for (const [field, list] of [['context.headers', ctx.headers], ['context.names', ctx.names]] as const) {
    if (Array.isArray(list)) for (const h of list) headers.set(compactName(h), main);
    else for (const [h, p] of Object.entries(list ?? {})) {
      if (!parts.some((x) => x.name === p)) throw new ConfigError(`${h} names an unknown part "${p}"`, where.file, where.ruleId, field);
      headers.set(compactName(h), p);
    }
  }
  const calls = (ctx.calls ?? []).map((c) => callTemplate(c, parts, where));
  const urls = (ctx.urls ?? []).map((u) => urlTemplateRegex(u, parts, where));
  let manifest: ContextMatcher['manifest'] = null;
  if (ctx.manifest) {
    const sections = new Map<string, string>();
    for (const [section, part] of Object.entries(ctx.manifest.sections)) {
      if (!parts.some((x) => x.name === part)) throw new ConfigError(`manifest section ${section} names an unknown part "${part}"`, where.file, where.ruleId, 'context.manifest');
      sections.set(section, part);
    }
    manifest = { kind: ctx.manifest.kind.toLowerCase(), sections };
  }
  if (aliases.length === 0 && headers.size === 0 && urls.length === 0 && calls.length === 0 && !anyName && !manifest) {
    throw new ConfigError('a context rule needs a provider with aliases, headers, urls or anyName: true', where.file, where.ruleId, 'context');
  }
  const rawNames = [...(Array.isArray(ctx.headers) ? ctx.headers : Object.keys(ctx.headers ?? {})), ...(Array.isArray(ctx.names) ? ctx.names : Object.keys(ctx.names ?? {}))];
  // A manifest rule is found through its manifests' kind alone (`kind: Secret`), not through the provider's names.
  const keywords = new Set<string>(
    manifest ? [manifest.kind] : [...aliases, ...rawNames.map((h) => h.toLowerCase()), ...urls.map((u) => u.keyword), ...calls.map((c) => c.callee.toLowerCase())],
  );
  // A part with a distinctive prefix identifies itself: its prefix is a keyword too.
  for (const p of parts) for (const prefix of p.prefixes) if (prefix.length >= 3) keywords.add(prefix.toLowerCase());
  if (anyName) for (const p of parts) for (const n of spec.parts![p.name]!.names ?? DEFAULT_PART_NAMES[p.name] ?? [p.name]) keywords.add(n.toLowerCase());
  // A callee that is no other keyword of the rule (no alias, header or name, URL host or prefix) only locates calls:
  // where the rule's hits are all such, it names nothing of its provider and reports nothing (runContextRule), so
  // the prefilter does not pick it. Not for rules that go by names alone or by manifests, which read every hit.
  const others = new Set([...aliases, ...headers.keys(), ...urls.map((u) => u.keyword), ...parts.flatMap((p) => p.prefixes.map((x) => x.toLowerCase()))]);
  const locators =
    manifest || (anyName && aliases.length === 0)
      ? []
      : [...new Set(calls.map((c) => c.callee.toLowerCase()))].filter((k) => !others.has(k) && !others.has(compactName(k)));
  return {
    parts,
    main,
    aliases,
    headers,
    urls,
    calls,
    window: ctx.window ?? 3,
    pairing: spec.pairing ?? 'optional',
    anyName,
    exclude: (ctx.exclude ?? []).map(compactName),
    keywords: [...keywords].filter((k) => k.length >= 3),
    locators,
    manifest,
    bindings: ctx.bindings ? new Set(ctx.bindings) : null,
  };
}

/**
 * A call template: `Client(key, secret)` (positional), `Spot(api_key=key, api_secret=secret)` (keyword) or
 * `RESTv2({apiKey: key, apiSecret: secret})` (an object argument); `*` is any argument.
 */
export function callTemplate(template: string, parts: readonly PartMatcher[], where: Where): CallMatcher {
  const m = /^(?<callee>[A-Za-z_$][\w.$]*)\((?<args>.*)\)$/s.exec(template.trim());
  if (!m) throw new ConfigError(`call "${template}" is not name(arg, ...)`, where.file, where.ruleId, 'context.calls');
  const known = (p: string): string | null => {
    if (p === '*') return null;
    if (!parts.some((x) => x.name === p)) throw new ConfigError(`call "${template}" names an unknown part "${p}"`, where.file, where.ruleId, 'context.calls');
    return p;
  };
  const positional: (string | null)[] = [];
  const named = new Map<string, string>();
  for (const raw of m.groups!.args!.replace(/^\s*\{|\}\s*$/g, '').split(',')) {
    const arg = raw.trim();
    if (arg === '') continue;
    const kv = /^["']?([\w.-]+)["']?\s*[:=]\s*(\*|[a-z][a-z0-9]*)$/.exec(arg);
    if (kv) {
      const part = known(kv[2]!);
      if (part) named.set(compactName(kv[1]!), part);
    } else positional.push(known(arg));
  }
  const callee = m.groups!.callee!;
  return { callee, positional, named };
}
