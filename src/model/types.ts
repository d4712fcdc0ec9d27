// The shared vocabulary of keyhound: types only, no behaviour.

/** How bad a leak of this kind is. `critical` means money or full account control is at stake. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Another scanner whose inline allow comments keyhound can honour (see detect/allow.ts). */
export type AllowCommentTool = 'gitleaks' | 'trufflehog' | 'secretlint' | 'detect-secrets';

/** What an allowlist regex is tested against. */
export type RegexTarget = 'secret' | 'match' | 'line';

/** An allowlist as written in YAML: a candidate is dropped when any listed condition holds. */
export interface AllowlistSpec {
  description?: string;
  /** Regexes tested against `regexTarget` (default `secret`). */
  regexes?: string[];
  regexTarget?: RegexTarget;
  /** Globs on the finding's relative POSIX path. */
  paths?: string[];
  /** Case-insensitive substrings of the secret. */
  stopwords?: string[];
}

/** Example templates a rule carries; see `src/rules/templates.ts` for the `{{kind:arg}}` syntax. */
export interface RuleExamples {
  positive: string[];
  negative: string[];
}

/** A provider as a rule pack declares it (rule model v2). */
export interface ProviderSpec {
  /** Stable id (`binance`, `openai`): findings, `rules list` and verification use it. */
  id: string;
  name: string;
  /** The provider's documentation of its keys. */
  docs?: string;
  /** Lower-case words naming the provider in identifiers, sections and prose. Default: [id]. */
  aliases?: string[];
}

/** A length: exactly n, one of several, or a range written "min-max". */
export type LengthSpec = number | number[] | string;

/** One part of a credential (key, secret, passphrase, ...) and its shape. */
export interface PartSpec {
  prefix?: string | string[];
  suffix?: string;
  /** A named alphabet (see src/config/v2.ts ALPHABET_CLASSES). */
  alphabet?: string;
  /** A regex character-class body, instead of `alphabet`. */
  chars?: string;
  length?: LengthSpec;
  /** A composite body between prefix and suffix: literals and `{ alphabet: length }` pieces. */
  segments?: (string | Record<string, LengthSpec>)[];
  entropy?: number;
  validate?: string;
  /** Words a binding name ends with to name this part (compact, lower case); default by part name. */
  names?: string[];
  /** A template making a fake value when the shape alone cannot (checksums). */
  fake?: string;
  /** An attached part (a customer id, a user name): travels in `parts`, is never reported alone, and need not be found. */
  optional?: boolean;
}

/** How a context rule recognises its provider's credential, besides the provider's aliases. */
export interface ContextSpec {
  /** Overrides the provider's aliases. */
  aliases?: string[];
  /** Header or field names that alone identify the provider: a list (the main part) or name → part. */
  headers?: string[] | Record<string, string>;
  /** URL templates with `{part}` placeholders and `*` for one host label or path segment. */
  urls?: string[];
  /** Binding names that alone identify the provider (`gate_api_key`, `rpcpassword`): a list (the main part) or name → part. */
  names?: string[] | Record<string, string>;
  /** SDK calls whose arguments are parts: `Client(key, secret)`, `Spot(api_key=key)`, `RESTv2({apiKey: key})`. */
  calls?: string[];
  /** Lines around a binding where an alias makes it the provider's (default 3). */
  window?: number;
  /** No provider: a binding is identified by its name alone (the generic rule). */
  anyName?: boolean;
  /** Name words that disqualify a binding (compact: `publictoken`, `csrftoken`). */
  exclude?: string[];
  /**
   * A YAML manifest of this `kind` (a Kubernetes `Secret`): every entry of the named top-level sections is a value of
   * the part the section maps to (`data: data`, `stringData: string`). The rule then goes by manifests alone.
   */
  manifest?: { kind: string; sections: Record<string, string> };
  /**
   * Only these kinds of binding (the grammar's: `assign`, `pair`, `xml`, `flag`, `userinfo`, `prose`, `block`): a rule
   * about URL credentials reads `userinfo` alone, not every `smtp_password = …`. Default: every kind.
   */
  bindings?: string[];
}

/** A rule as written in `rules/*.yaml` or a user's config, after schema validation. */
export interface RuleSpec {
  id: string;
  description: string;
  severity: Severity;
  tags?: string[];
  /** The provider's id (rule model v2). */
  provider?: string;
  /** How the rule matches: a raw `regex`, a self-identifying `prefixed` token, or a value in provider `context`. */
  match?: 'prefixed' | 'context';
  parts?: Record<string, PartSpec>;
  /** The part reported as the finding's `secret`; default the first. */
  main?: string;
  /** `optional`: every part is reported, found alone or paired; `required`: only when every part is found together. */
  pairing?: 'optional' | 'required';
  context?: ContextSpec;
  /** Lower-case literals; the regex only runs on text containing at least one (case-insensitive). */
  keywords?: string[];
  /** Required for rules without `match`. */
  regex?: string;
  flags?: string;
  /** Minimum Shannon entropy, in bits per character, of the secret. */
  entropy?: number;
  /** Name of an offline validator (see `src/detect/validators`). */
  validate?: string;
  /** Name of a structural gate (see `src/detect/gates.ts`): a cheap necessary condition checked before the regex runs. */
  gate?: string;
  /** Glob: the rule only applies to files whose relative path matches. */
  path?: string;
  allowlists?: AllowlistSpec[];
  /** Whether the global allowlists apply to this rule (default true). */
  globalAllowlists?: boolean;
  references?: string[];
  examples?: RuleExamples;
}

/** Where a rule came from, for error messages and `rules list`. */
export interface RuleOrigin {
  file: string;
  family: string;
}

/** One part of a context rule, ready for the engine. */
export interface PartMatcher {
  name: string;
  /** The whole value's shape, anchored. */
  shape: RegExp;
  /** Compact names a binding name may end with. */
  names: string[];
  entropy: number;
  validate: string | null;
  optional: boolean;
  /** Prefixes of 3+ characters: a value with one identifies itself. */
  prefixes: string[];
  /**
   * A run a line must hold to hold this part's value: `min` or more characters of the class `cls`, as the regex
   * `source` (null: no cheap test); see presenceOf in src/config/v2.ts.
   */
  presence: Presence | null;
}

/** A part's presence test (see {@link PartMatcher.presence}): compiled where it is used, not at start-up. */
export interface Presence {
  source: string;
  cls: string;
  min: number;
}

/** A call template, compiled: the callee, then what each argument is. */
export interface CallMatcher {
  /** As written (`krakenex.API`, `Client`): what is searched for before `(`. */
  callee: string;
  /** Positional arguments: a part name, or null for any argument. */
  positional: (string | null)[];
  /** Compact keyword or object-field name → part. */
  named: Map<string, string>;
}

/** A context rule's facts, compiled (src/config/v2.ts); the engine runs it on grammar bindings (src/detect/context.ts). */
export interface ContextMatcher {
  parts: PartMatcher[];
  main: string;
  aliases: string[];
  /** Compact header or provider-specific name → part name. */
  headers: Map<string, string>;
  /** URL templates: the regex, its host (a keyword of the rule), and whether no match can cross a line break. */
  urls: { regex: RegExp; keyword: string; lineBound: boolean }[];
  calls: CallMatcher[];
  window: number;
  pairing: 'optional' | 'required';
  anyName: boolean;
  exclude: string[];
  keywords: string[];
  /**
   * Keywords that only locate something (a call's callee that is no alias, header, URL host or prefix of the rule): a
   * fragment where they are the rule's only hits gives the rule nothing to report, so the prefilter does not pick it
   * there.
   */
  locators: string[];
  /** See ContextSpec.manifest: the kind (lower case) and section name → part. */
  manifest: { kind: string; sections: Map<string, string> } | null;
  /** See ContextSpec.bindings: the binding kinds the rule reads, or null for all. */
  bindings: ReadonlySet<string> | null;
}

export interface CompiledAllowlist {
  regexes: RegExp[];
  regexTarget: RegexTarget;
  paths: ((path: string) => boolean) | null;
  stopwords: string[];
}

/** A rule ready for the engine: regexes compiled once, at load. */
export interface CompiledRule {
  id: string;
  description: string;
  severity: Severity;
  tags: string[];
  keywords: string[];
  family: string;
  /** Global, sticky-free regex with the `d` flag so the secret group's indices are known. */
  regex: RegExp;
  /** True when the regex has a named group `secret`. */
  hasSecretGroup: boolean;
  entropy: number;
  validate: string | null;
  path: ((path: string) => boolean) | null;
  allowlists: CompiledAllowlist[];
  /** Whether the rule set's global allowlists apply. */
  globalAllowlists: boolean;
  /** Generic rules yield to a specific rule that reports the same secret. */
  generic: boolean;
  /** The provider's id, or null for a user regex rule without one. */
  provider: string | null;
  /** A context rule's matcher; null for regex and prefixed rules, which run their regex. */
  context: ContextMatcher | null;
  /** The rule as written, with `regex` and `keywords` filled in for prefixed rules. */
  spec: RuleSpec & { regex: string };
  origin: RuleOrigin;
}

/** Everything the engine needs: rules, the global allowlist and the keyword index. */
export interface RuleSet {
  rules: CompiledRule[];
  /** Global allowlists: apply to every rule. */
  allowlists: CompiledAllowlist[];
  /** Rules with no keyword: run on every fragment. */
  alwaysRun: CompiledRule[];
  /** keyword (lower-case) → rules that list it. */
  byKeyword: Map<string, CompiledRule[]>;
  /** One case-insensitive alternation of every keyword, longest first, or null if there are none. */
  keywordScan: RegExp | null;
  /** The declared providers, by id. */
  providers: ReadonlyMap<string, ProviderSpec>;
  /** Other tools whose inline allow comments count (the config's `allowComments`). Default: none. */
  allowComments?: readonly AllowCommentTool[];
}

/** Text with provenance, as a source yields it. Paths are POSIX and relative to the scan root. */
export interface Fragment {
  text: string;
  path: string;
  commit?: CommitInfo;
  /** Added to reported line numbers (for fragments that start mid-file). Default 0. */
  lineOffset?: number;
  /** Size of the original content in bytes, for statistics (defaults to the text's length). */
  bytes?: number;
  /** When set, only findings touching one of these 1-based lines (after lineOffset) are kept. */
  onlyLines?: ReadonlySet<number>;
  /**
   * The bytes the text was decoded from, when they are valid UTF-8 without a BOM: the keyword scan then reads bytes,
   * which is about twice as fast as reading the string, and maps its byte offsets to the text's. Sources set it;
   * it never changes what is found.
   */
  utf8?: Uint8Array;
}

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  date: string;
  message: string;
}

/** One leaked secret at one place. Lines and columns are 1-based; end column is inclusive. */
export interface Finding {
  ruleId: string;
  description: string;
  severity: Severity;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  secret: string;
  /** Content-derived identity: survives moved lines, rebases and squashes. */
  fingerprint: string;
  commit?: CommitInfo;
  /** The provider's stable id from the rule model (`binance`, `openai`, ...); absent for user regex rules without one. */
  provider?: string;
  /**
   * Every credential part the rule paired, by part name (`key`, `secret`, `passphrase`, ...), whole: redacted in every
   * output, kept whole in memory for verification. `secret` above stays the main part.
   */
  parts?: Record<string, string>;
  /** The chain of encodings the secret was found under (`["base64"]`), outermost first; absent for plain text. */
  decoded?: string[];
  /** The result of `--verify`, when asked. */
  verification?: Verification;
  /** The repository it was found in, in an audit of many (`keyhound history --repos`, `keyhound merge`). */
  repository?: RepositoryRef;
  /** The finding's line, trimmed around the match, for the text report; masked by redaction like the secret. */
  snippet?: Snippet;
}

/**
 * A finding's line as the text report shows it: `text` (with `…` where it was trimmed), and where the match is in it
 * (`start` inclusive, `end` exclusive, UTF-16 offsets). The JSON and SARIF reports do not carry it.
 */
export interface Snippet {
  text: string;
  start: number;
  end: number;
}

/** A repository of an audit: its display name (`owner/name`, or the folder's name) and its URL or path as listed. */
export interface RepositoryRef {
  name: string;
  url: string;
}

/** What verification learned of one credential (see src/verify). */
export interface Verification {
  status: 'live' | 'invalid' | 'unknown';
  provider: string;
  /** ISO 8601 time of the check. */
  checkedAt: string;
  /** Why, in a few words: never the secret. */
  message: string;
  /** Rights: read, trade, withdraw, transfer, futures, margin, options, or the provider's own scopes. */
  permissions?: string[];
  /** Whether an IP allow-list applies, where the API says. */
  ipRestricted?: boolean;
  /** Non-secret facts that help triage: account type, plan, usage. */
  account?: Record<string, string | number | boolean>;
  /**
   * Parts this finding did not hold and other findings nearby in the same file supplied (cross-rule pairing: an AWS
   * access key id and its secret found by two rules): which part, from which rule and line. Never a value.
   */
  pairedWith?: { part: string; ruleId: string; line: number }[];
}

/** Why a candidate was dropped by the engine; counted for `--verbose`. */
export type DropReason = 'entropy' | 'allowlist' | 'inline-allow' | `validator:${string}`;

/** A rule that ran out of its time budget on one fragment and stopped there: its findings there may be incomplete. */
export interface CutShort {
  ruleId: string;
  path: string;
  /** The commit, for fragments from history. */
  commit?: string;
}

export interface DetectResult {
  findings: Finding[];
  dropped: Map<DropReason, number>;
  /** Rules cut short by their time budget (only when a clock was given), in rule order. Absent when none. */
  cutShort?: CutShort[];
}

/** A file or object a source could not or would not scan, and why. Nothing is skipped silently. */
export interface Skip {
  path: string;
  reason: string;
}

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: number;
  durationMs: number;
}
