// The grammar of where secrets sit: one place that knows how code, configs and prose bind a name to a value, shared
// by every context rule (rule model v2). Given a line, it returns its bindings (name → value, with the value's
// offset); given a line number, the words of the sections it sits in (YAML/JSON/HCL nesting, INI/TOML headers,
// constructor calls). Pure and line-based: the engine asks only for the lines near a rule's keywords.
//
// Syntaxes: shell, .env and `export`, Dockerfile ENV/ARG, Makefile (= := ?= ::= :::= +=), YAML, JSON, TOML, INI,
// .properties, HCL; Python (assignments, annotations, kwargs, dicts), JS/TS (const, objects, template literals), Go
// (:=, `var x T =`, struct fields), Java/Kotlin (setProperty, typed fields), C# (initializers, .Add), PHP (= .= define),
// Ruby (= =>), Rust (let, Some(...)), an assignment whose value is on the next line; XML elements (also a value on its own line) and attributes, .NET appSettings; CLI flags (--key v, --key=v,
// -key v); HTTP headers; URL query parameters and user-info; connection strings (Password=...;); strings inside
// JSON-escaped strings and notebooks; prose (`token - '...'`).

/** Where a binding came from, for tests and for rules that care. */
export type BindingKind = 'assign' | 'pair' | 'xml' | 'flag' | 'userinfo' | 'prose' | 'block';

export interface Binding {
  /** The name as written, without quotes (`BINANCE_API_KEY`, `X-MBX-APIKEY`, `apiKey`). */
  name: string;
  /** The value, without quotes or an auth scheme (`Bearer`). */
  value: string;
  /** Offset of the value in the line. */
  at: number;
  kind: BindingKind;
}

const Q = String.raw`(?<vq>\\?["'\x60])(?<qv>(?:(?!\k<vq>)(?:\\.|[^\\\n]))*)\k<vq>`;
const SCHEME = String.raw`(?:(?:[Bb]earer|[Bb]asic|[Tt]oken|Bot|[Aa]pi[Kk]ey|Key)[ \t]+)?`;
const UNQUOTED = String.raw`(?<uv>[^\s"'\x60,;&<>(){}\[\]#\\|]+)`;
/**
 * A lookup with a default after it, the default being the value: `process.env.X || "v"`, `process.env.X ?? 'v'`,
 * `os.getenv("X") or "v"`, PHP's `getenv('X') ?: 'v'`. Such a default is a secret in the code as much as a plain one.
 */
const FALLBACK = String.raw`(?:[A-Za-z_$][\w$.]{0,80}(?:\[[^\]\n]{1,80}\]|\([^()\n]{0,80}\))?(?:[ \t]*(?:\|\||\?\?|\?:)|[ \t]+or)[ \t]*)?`;
/**
 * A value: quoted (also `\"…\"` inside a JSON string, and C#'s and Objective-C's `@"…"`), or a bare word; an optional
 * wrapper call or a lookup's fallback before a quoted one.
 */
const VALUE = String.raw`(?:${FALLBACK}(?<call>[A-Za-z_][\w.:]*(?:::from|::new)?\([ \t]*)?@?${Q}|${SCHEME}${UNQUOTED})`;
/** A wrapper call that looks a name up (`os.getenv("NAME")`, Ruby's `ENV.fetch` of a name): its argument is a name, not a value. */
const LOOKUP_CALL = /(?:getenv|environ\.get|env\.get|getProperty|GetEnvironmentVariable|LookupEnv|fetch|env|config)\([ \t]*$/i;
const NAME = String.raw`[A-Za-z0-9_$@][\w$@.\-]{0,100}`;
const OPS = String.raw`:::=|::=|:=|\?=|\+=|\.=|\|\|=|\?\?=|=>|===?|!==?|:|=`;

/** `name op value` in its many spellings, with an optional type annotation (`token: str = …`). */
const ASSIGN = new RegExp(
  String.raw`(?<![\w$@.\-:])(?<q>\\?["'\x60]|:)?(?<name>${NAME})\k<q>?\]?` +
    String.raw`(?:[ \t]*:[ \t]*[A-Za-z_&][\w.\[\]<>|&*' ]{0,40}?(?=[ \t]*=[ \t"'\x60]))?` +
    String.raw`[ \t]*(?<op>${OPS})[ \t]*${VALUE}`,
  'gd',
);
/** Go `var name T = …` and `const name T = …`, whose name the general form would miss. */
const GO_VAR = new RegExp(String.raw`\b(?:var|const)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]+[\w.*\[\]]+[ \t]*=[ \t]*${VALUE}`, 'gd');
/** Two quoted strings as a pair: `setProperty("K", "v")`, `.Add("K", "v")`, `define('K', 'v')`, `{ "K", "v" }`. */
const PAIR = new RegExp(String.raw`(?<q1>["'])(?<name>[A-Za-z_][\w.\-:]{1,100})\k<q1>[ \t]*,[ \t]*${Q}`, 'gd');
/** `.NET` appSettings and similar: `key="Name" value="…"`. */
const KEY_VALUE_ATTRS = /\b(?:key|name)[ \t]*=[ \t]*"(?<name>[^"\n]{1,100})"[ \t]+value[ \t]*=[ \t]*"(?<qv>[^"\n]*)"/dgi;
/** An XML element: `<name attr="…">value</name>`. */
const XML = /<(?<name>[A-Za-z_][\w.\-:]{0,100})(?:[ \t][^<>\n]*)?>(?<qv>[^<>\n]{1,2000})<\/\k<name>>/dg;
/**
 * A flag's value that starts with `-` (a base64url key does, 1 time in 32: `--apikey -HrF…`): not another flag, so not
 * `--…` nor `-name=…`, and at least 16 characters holding a digit, an upper- and a lower-case letter.
 */
const DASH_VALUE = String.raw`(?=-(?!-|[A-Za-z][\w.-]*=)(?=\S*\d)(?=\S*[A-Z])(?=\S*[a-z])\S{15})`;
/** A CLI flag with its value: `--api-key v`, `--api-key=v`, `-storagekey "v"`, Java's `-Dsonar.login=v`. */
const FLAG = new RegExp(String.raw`(?<![\w-])(?:--?|-D)(?<name>[A-Za-z][\w.-]{0,60})(?:[ \t]+(?:(?!-)|${DASH_VALUE})|=)(?:${Q}|${UNQUOTED})`, 'gd');
/** Dockerfile `ENV NAME value`. */
const DOCKER_ENV = /^[ \t]*(?:ENV|ARG)[ \t]+(?<name>[A-Za-z_]\w*)[ \t]+(?<uv>[^\s=]\S*)[ \t]*$/dg;
/** A shell or Compose default: `${NAME:-value}`, `${NAME-value}`, `${NAME:=value}` (the name is the variable's). */
const DEFAULT_EXPANSION = /\$\{(?<name>[A-Za-z_]\w{0,100}):?[-=](?<uv>(?:[^}\s"'`$]|\$(?!\{))+)\}/dg;
/** C++ and C# brace initialisation: `std::string apiSecret{"value"}`, `Name { "value" }`. */
const BRACE_INIT = new RegExp(String.raw`(?<![\w$@.\-])(?<name>[A-Za-z_]\w{0,100})[ \t]*\{[ \t]*${Q}[ \t]*\}`, 'gd');
/** A comparison written value first: `if ("value" == password)`, `"value" !== apiKey`. */
const YODA = new RegExp(String.raw`${Q}[ \t]*(?:===?|!==?)[ \t]*(?<name>[A-Za-z_$][\w$.]{0,100})(?![\w$.(])`, 'gd');
/** Prose: `token - 'value'`, `api key is "value"`. */
const PROSE = /(?<![\w$@.-])(?<name>[A-Za-z][\w-]{1,60})[ \t]+(?:(?:-|\u2013|:|=|is|was|of)[ \t]+)?(?<vq>["'`])(?<qv>[^"'`\n]{8,500})\k<vq>/dg;

interface Form {
  re: RegExp;
  kind: BindingKind;
  /** Higher wins when two forms bind the same value. */
  rank: number;
  /** A cheap necessary condition on the line, tested before the form's regex. */
  may: (line: string) => boolean;
}

const hasQuote = (l: string): boolean => l.includes('"') || l.includes("'") || l.includes('`');

const FORMS: readonly Form[] = [
  { re: GO_VAR, kind: 'assign', rank: 6, may: (l) => l.includes('var') || l.includes('const') },
  { re: KEY_VALUE_ATTRS, kind: 'pair', rank: 6, may: (l) => /value/i.test(l) },
  { re: DOCKER_ENV, kind: 'assign', rank: 5, may: (l) => l.includes('ENV') || l.includes('ARG') },
  { re: DEFAULT_EXPANSION, kind: 'assign', rank: 5, may: (l) => l.includes('${') },
  { re: PAIR, kind: 'pair', rank: 4, may: (l) => l.includes(',') && hasQuote(l) },
  { re: ASSIGN, kind: 'assign', rank: 3, may: (l) => l.includes('=') || l.includes(':') },
  { re: XML, kind: 'xml', rank: 3, may: (l) => l.includes('</') },
  { re: BRACE_INIT, kind: 'assign', rank: 3, may: (l) => l.includes('{') && hasQuote(l) },
  { re: YODA, kind: 'assign', rank: 3, may: (l) => l.includes('==') || l.includes('!=') },
  { re: FLAG, kind: 'flag', rank: 2, may: (l) => l.includes('-') },
  { re: PROSE, kind: 'prose', rank: 1, may: hasQuote },
];

/** Cheap necessary conditions: a line with none of these characters binds nothing. */
const ANY_BINDING = /[=:<,\-'"`]|^[ \t]*(?:ENV|ARG)[ \t]/;

// Sticky copies of the forms, tried where one name starts (see bindingsAt).
const STICKY = FORMS.map((f) => ({ ...f, re: new RegExp(f.re.source, f.re.flags.replace('g', '') + 'y') }));

/**
 * The bindings whose name starts at offset `from` of the line: the forms tried only where such a name can begin (at
 * the name, after its quote, `<` or dashes, after `var`/`const`, at an `ENV` line's start). Equivalent to the
 * bindings of {@link lineBindings} with that name start, at a fraction of the cost: for rules that go by names alone.
 */
export function bindingsAt(line: string, from: number): Binding[] {
  const starts = new Set<number>([from, from - 1, from - 2, 0]);
  const before = line.slice(Math.max(0, from - 16), from);
  const decl = /\b(?:var|const)[ \t]+$/.exec(before) ?? /\b(?:key|name)[ \t]*=[ \t]*"$/i.exec(before);
  if (decl) starts.add(from - decl[0].length);
  // A comparison written value first has its value, not its name, at the start: found by the quote before `==`.
  const yoda = /(["'`])[ \t]*[=!]==?[ \t]*$/.exec(before);
  if (yoda) {
    const open = line.lastIndexOf(yoda[1]!, from - yoda[0].length - 1);
    if (open >= 0) starts.add(line[open - 1] === '\\' ? open - 1 : open);
  }
  const out: Binding[] = [];
  let bestRank = -1;
  for (const { re, kind, rank, may } of STICKY) {
    if (rank < bestRank || !may(line)) continue;
    for (const at of starts) {
      if (at < 0) continue;
      re.lastIndex = at;
      const m = re.exec(line);
      if (!m || m.indices!.groups!.name?.[0] !== from) continue;
      const binding = bindingOf(m, kind);
      if (!binding) continue;
      if (rank > bestRank) out.length = 0;
      bestRank = rank;
      out.push(binding);
      break;
    }
  }
  return out;
}

/** The binding a form's match holds: its name, and its value without an auth scheme, at the value's offset. */
function bindingOf(m: RegExpExecArray, kind: BindingKind): Binding | null {
  const g = m.groups!;
  const text = g.qv ?? g.uv;
  if (text === undefined || g.name === undefined) return null;
  // `name: Identifier;` is a type annotation or a reference (TypeScript, a struct), not a value: `Password=x;` in a
  // connection string has `=`, and a YAML value no `;` after it.
  // A Ruby symbol binds with `=>`; `:secret:x` is a segment of an ARN or a URN.
  if (g.q === ':' && g.op === ':') return null;
  if (g.call !== undefined && LOOKUP_CALL.test(g.call)) return null;
  if (g.op === ':' && g.uv !== undefined && m.input[m.indices!.groups!.uv![1]] === ';' && /^[A-Za-z_$][\w$.]*$/.test(g.uv)) return null;
  // `token = scanner.reScanJsxToken()`: a member path called is code, not a value.
  if (g.uv !== undefined && m.input[m.indices!.groups!.uv![1]] === '(' && MEMBER_PATH.test(g.uv)) return null;
  let at = m.indices!.groups![g.qv !== undefined ? 'qv' : 'uv']![0];
  let value = text;
  const scheme = QUOTED_SCHEME.exec(value);
  if (scheme) {
    at += scheme[0].length;
    value = value.slice(scheme[0].length);
  }
  return { name: g.name, value: unescapeValue(value), at, kind };
}

/** A dotted member path (`scanner2.reScanJsxToken`, `this.auth.token`). */
const MEMBER_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/** Every binding on one line (no line break inside), at most one per value offset (the most specific form's). */
export function lineBindings(line: string): Binding[] {
  if (!ANY_BINDING.test(line)) return [];
  const byAt = new Map<number, Binding & { rank: number }>();
  const add = (b: Binding, rank: number): void => {
    const prev = byAt.get(b.at);
    if (!prev || prev.rank < rank) byAt.set(b.at, { ...b, rank });
  };
  for (const { re, kind, rank, may } of FORMS) {
    if (!may(line)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const g = m.groups!;
      const binding = bindingOf(m, kind);
      if (binding) add(binding, rank);
      // Assignments may chain on one line (`a=1&b=2`, `k: v, k2: v2`): go on right after the name, not the value.
      if (re === ASSIGN || re === FLAG) re.lastIndex = m.index + Math.max(1, (g.name?.length ?? 0) + (g.q?.length ?? 0));
      else if (m[0].length === 0) re.lastIndex += 1;
    }
  }
  for (const b of userinfoBindings(line)) add(b, 5);
  return [...byAt.values()].sort((a, b) => a.at - b.at).map(({ rank: _rank, ...b }) => b);
}

/**
 * The user-info bindings of a line alone (`scheme://user:password@`: `<scheme>.password` and `<scheme>.username`), as
 * {@link lineBindings} has them: for the rules that read nothing else, on lines of any length.
 */
export function userinfoBindings(line: string): Binding[] {
  const out: Binding[] = [];
  // URL user-info, `scheme://user:password@host`, the scheme a letter and 1-20 of [A-Za-z0-9+.-] after a non-word
  // character. Led by each `://` (a regex led by the scheme tries every word of a minified line): the scheme is
  // found back from it, the user and password forward (tests/detect/grammar.test.ts checks this against the regex).
  for (let sep = line.indexOf('://'); sep !== -1; sep = line.indexOf('://', sep + 3)) {
    let start = -1;
    for (let p = sep - 1; p >= 0 && sep - p <= 21 && SCHEME_CHAR.test(line[p]!); p--) {
      if (sep - p >= 2 && LETTER.test(line[p]!) && (p === 0 || !WORD_CHAR.test(line[p - 1]!))) start = p;
    }
    if (start === -1) continue;
    USER_PASSWORD.lastIndex = sep + 3;
    const u = USER_PASSWORD.exec(line);
    if (!u) continue;
    const scheme = line.slice(start, sep);
    out.push({ name: `${scheme}.password`, value: u[2]!, at: u.indices![2]![0], kind: 'userinfo' });
    out.push({ name: `${scheme}.username`, value: u[1]!, at: u.indices![1]![0], kind: 'userinfo' });
    sep = USER_PASSWORD.lastIndex - 3;
  }
  return out;
}

/**
 * Whether the `://` at `at` in `text`, or the one after the scheme (or the part of one) at `at`, opens a URL with
 * user-info: `://user:password@`.
 */
export function userinfoAfter(text: string, at: number): boolean {
  let end = at;
  while (end < text.length && end - at <= 21 && SCHEME_CHAR.test(text[end]!)) end++;
  if (!text.startsWith('://', end)) return false;
  USER_PASSWORD.lastIndex = end + 3;
  return USER_PASSWORD.test(text);
}

const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const LETTER = /[A-Za-z]/;
const WORD_CHAR = /\w/;
/** What follows a scheme's `://` in URL user-info: `user:password@`. */
const USER_PASSWORD = /([^\s:/@"'`]{1,200}):([^\s@/"'`]{1,500})@/dy;

/** An XML element opened at the end of a line, its value alone on the next: `<apiKey>` ⏎ `  value` ⏎ `</apiKey>`. */
const XML_OPEN_END = /<(?<name>[A-Za-z_][\w.\-:]{0,100})(?:[ \t][^<>\n]*)?>[ \t]*$/;
const XML_LONE_VALUE = /^[ \t]*(?<v>[^\s<>]{1,2000})[ \t]*$/;

/**
 * The binding of an XML element written over three lines: `prev` opens the element at its end, `line` holds the
 * value alone, `next` closes the element. The value's offset is in `line`.
 */
export function xmlValueLine(prev: string, line: string, next: string): Binding | null {
  if (!prev.includes('>') || !next.includes('</')) return null;
  const v = XML_LONE_VALUE.exec(line);
  if (!v) return null;
  const open = XML_OPEN_END.exec(prev);
  if (!open) return null;
  const name = open.groups!.name!;
  if (!next.trimStart().startsWith(`</${name}>`)) return null;
  return { name, value: v.groups!.v!, at: line.indexOf(v.groups!.v!), kind: 'xml' };
}

/**
 * An operator (`:`, `=`, `=>`), blanks, then a quoted value of key characters (8–512, no space, quote or backslash)
 * closed by the quote that opened it. Led by the operator, not the quote: a minified line holds far more quotes than
 * quoted values after an operator, and each quote would cost a look ahead. (`=>?|:` rather than `=>|[:=]`: the same
 * matches, about 15 % faster over the bench tree's minified lines.)
 */
const DENSE_VALUE = /(=>?|:)[ \t]*(\\?)(["'`])(?=([^"'`\\\s]{8,512})\2\3)/g;
const NAME_CHAR = /[\w$.-]/;

/**
 * The bindings of minified code and one-line JSON (a bundle, a source map's escaped sources): only a quoted value of
 * key characters after `name:`, `name =`, `"name":` or `name =>`, found from the value back to its name. A fraction
 * of {@link lineBindings}' cost on a line of megabytes, where the other forms (flags, prose, headers) do not occur.
 *
 * With `from` and `to`, only the bindings whose value starts in [from, to), the same as those of the whole line: a
 * match is an operator, blanks, maybe a backslash and a quote right before its value, so the search starts that far
 * before `from`, and no match can start inside another's value (a value holds no quote, blank or backslash), so
 * where the search starts changes nothing else.
 */
export function denseBindings(line: string, from = 0, to = line.length): Binding[] {
  const out: Binding[] = [];
  let begin = from - 2; // the quote and a backslash before the value
  while (begin > 0 && (line[begin - 1] === ' ' || line[begin - 1] === '\t')) begin--;
  const lo = Math.max(0, begin - 2); // the operator: `:`, `=` or `=>`
  // The search reads only as far as a value starting before `to` can reach (512 characters, a backslash and the
  // quote), not on to the next match, which on a line of megabytes may be far.
  const hi = Math.min(line.length, to + 514);
  const text = lo === 0 && hi === line.length ? line : line.slice(lo, hi);
  DENSE_VALUE.lastIndex = 0;
  for (let m = DENSE_VALUE.exec(text); m; m = DENSE_VALUE.exec(text)) {
    const value = m[4]!;
    const at = lo + m.index + m[0].length;
    if (at >= to) break;
    DENSE_VALUE.lastIndex = at - lo;
    if (at < from) continue;
    let i = lo + m.index;
    if (m[1] === '=' && /[=!<>+\-*/%&|^]/.test(line[i - 1] ?? '')) continue; // a comparison or a compound operator
    i--;
    while (i >= 0 && (line[i] === ' ' || line[i] === '\t')) i--;
    if (line[i] === ']') i--;
    if (line[i] === '"' || line[i] === "'" || line[i] === '`') i -= line[i - 1] === '\\' ? 2 : 1;
    const end = i + 1;
    while (i >= 0 && end - i <= 100 && NAME_CHAR.test(line[i]!)) i--;
    let start = i + 1;
    while (start < end && (line[start] === '.' || line[start] === '-')) start++;
    if (start >= end || !/[A-Za-z_$]/.test(line[start]!)) continue;
    out.push({ name: line.slice(start, end), value, at, kind: 'assign' });
    // On from the operator that may end the value: its closing quote can open the next one (`a:"x+f=>"b…"`).
    DENSE_VALUE.lastIndex = Math.max(at, at + value.length - 2) - lo;
  }
  return out;
}

/** A name and its operator ending a line: `const apiKey =`, `"token":`, `api_key =>`. */
const NAME_OP_END = new RegExp(String.raw`(?<![\w$@.\-])(?<q>["'\x60]?)(?<name>${NAME})\k<q>[ \t]*(?::=|=>|=|:)[ \t]*$`);
/** A quoted value alone on its line, maybe closed by `;`, `,` or `)` and a comment. */
const LONE_QUOTED = /^[ \t]*(?<vq>["'`])(?<qv>[^"'`\n]{1,2000})\k<vq>[ \t]*[;,)]?[ \t]*(?:(?:\/\/|#).*)?$/;

/**
 * The binding of an assignment broken after its operator, the value alone on the next line (as formatters write a
 * long string): `const apiKey =` ⏎ `  "value";`. The value's offset is in `line`.
 */
export function continuedValueLine(prev: string, line: string): Binding | null {
  const last = prev.trimEnd();
  if (!/[=:>]$/.test(last)) return operatorLedLine(last, line);
  const v = LONE_QUOTED.exec(line);
  if (!v) return null;
  const n = NAME_OP_END.exec(last);
  if (!n) return null;
  return { name: n.groups!.name!, value: unescapeValue(v.groups!.qv!), at: v.indices?.groups?.qv?.[0] ?? line.indexOf(v.groups!.qv!), kind: 'assign' };
}

/** A name ending a line, with nothing after it. */
const NAME_END = new RegExp(String.raw`(?<![\w$@.\-])(?<name>[A-Za-z_$][\w$]{0,100})$`);
/** A line opened by the operator and holding the quoted value: `        = "value";`. */
const OPERATOR_LED = /^[ \t]*(?::=|=)[ \t]*(?<vq>["'`])(?<qv>[^"'`\n]{1,2000})\k<vq>[ \t]*[;,)]?[ \t]*(?:(?:\/\/|#).*)?$/d;

/**
 * The binding of an assignment broken before its operator, as Java formatters break a long constant:
 * `public static final String API_KEY` ⏎ `        = "value";`. `last` is the previous line without trailing blanks.
 */
function operatorLedLine(last: string, line: string): Binding | null {
  const v = OPERATOR_LED.exec(line);
  if (!v) return null;
  const n = NAME_END.exec(last);
  if (!n) return null;
  return { name: n.groups!.name!, value: unescapeValue(v.groups!.qv!), at: v.indices!.groups!.qv![0], kind: 'assign' };
}

/** An auth scheme before a quoted value (`"Bearer …"`, `'Apikey …'`), dropped so the value is the key alone. */
const QUOTED_SCHEME = /^(?:bearer|basic|token|bot|apikey|api-key|key|sso-key|otp)[ \t]+(?=\S)/i;

/** Values keep their text as written; only a JSON-escaped slash is undone, so `\/` in a URL does not hide a key. */
function unescapeValue(v: string): string {
  return v.includes('\\/') ? v.replace(/\\\//g, '/') : v;
}

/** Indentation width of a line (tabs count as 4). */
export function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n += 1;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

const SECTION_HEADER = /^[ \t]*\[{1,2}(?<name>[^\]\n]{1,100})\]{1,2}[ \t]*(?:[#;].*)?$/;
/** A line that opens a nested block: YAML `name:`, `"name": {`, `name = {`, `x = Client(`, `def f():`, `name {`. */
const OPENER = /(?:[:{([=]|=>|\|[-+]?|>[-+]?)[ \t]*(?:#.*|\/\/.*)?$/;
const BLANK_OR_COMMENT = /^[ \t]*(?:$|#|\/\/|;|--|\*|\/\*)/;
/** Identifier words of a line, before its opener. */
const WORDS = /[A-Za-z][A-Za-z0-9]*(?:[._-][A-Za-z0-9]+)*/g;

function openerWords(line: string): string[] {
  return line.match(WORDS) ?? [];
}

/**
 * The identifiers of the sections line `n` sits in, innermost first: lines above with less indentation that open a
 * block, up to the top or an INI/TOML `[header]`. `lineText` gives a line by number. Looks at most `limit` lines up.
 */
export function sectionNames(lineText: (n: number) => string, n: number, limit = 200): string[] {
  const out: string[] = [];
  let indent = indentOf(lineText(n));
  for (let l = n - 1; l >= 0 && l >= n - limit; l--) {
    const text = lineText(l);
    if (BLANK_OR_COMMENT.test(text)) continue;
    const header = SECTION_HEADER.exec(text);
    if (header) {
      out.push(...openerWords(header.groups!.name!));
      break;
    }
    const ind = indentOf(text);
    if (ind >= indent) continue;
    if (OPENER.test(text)) out.push(...openerWords(text));
    indent = ind;
    if (ind === 0) break;
  }
  return out;
}

/**
 * The identifiers of the brackets still open at `at` on one line (`ccxt.binance({'apiKey': …` → ccxt.binance):
 * sections that open and close on a single line, as minified JSON and constructor calls write them.
 */
export function inlineSectionNames(line: string, at: number): string[] {
  const stack: string[][] = [];
  // Only the last few thousand characters: a minified line is not read from its start for every binding.
  let segment = Math.max(0, at - 4096);
  let quote = '';
  for (let i = segment; i < at; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{' || ch === '(' || ch === '[') {
      stack.push(openerWords(line.slice(segment, i)));
      segment = i + 1;
    } else if (ch === '}' || ch === ')' || ch === ']') {
      stack.pop();
      segment = i + 1;
    } else if (ch === ',' || ch === ';') segment = i + 1;
  }
  return stack.flat();
}
