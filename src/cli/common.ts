// What every command shares and nothing heavy: exit codes, the result shape, usage errors, sizes, and writing the
// report. Free of yargs, so the fast `staged` path (src/cli/fast.ts) can use it.

import { descriptorOf, writeReport } from '../util/files.js';
import type { Readable } from 'node:stream';
import type { CommonScanOptions } from '../scan.js';
import { scrubText } from '../filters/redact.js';

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunIO {
  stdin?: Readable;
  env?: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour default). */
  stdoutIsTTY?: boolean;
  /** Working directory (default: process.cwd()). */
  cwd?: string;
  /** Where to draw live progress (stderr, only when it is a terminal); none means no progress bar. */
  progress?: { write(chunk: string): unknown; columns?: number };
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses `--max-file-size` values: bytes, or a number with K, M or G (binary units). */
export function parseSize(value: unknown): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(String(value).trim());
  if (!m) throw new UsageError(`invalid size "${String(value)}" (use bytes, or a number with K, M or G)`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/**
 * Writes the report to `--output` (replacing, never following, a symlink there; writing to a device, a pipe or a
 * descriptor as it stands: writeReport) or returns it for stdout, which `-o /dev/stdout` also names.
 */
export function emit(report: string, args: { output?: string }): string {
  if (!args.output || descriptorOf(args.output) === 1) return report;
  writeReport(args.output, report);
  return '';
}

/** `--rule-budget MS` as scan options: the most milliseconds one rule may spend on one file (default 10 000). */
export function ruleBudget(args: Record<string, unknown>): { ruleBudgetMs?: number } {
  const value = args['rule-budget'];
  if (value === undefined) return {};
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0 || String(value).trim() === '') throw new UsageError(`invalid --rule-budget "${String(value)}" (use milliseconds, e.g. 10000)`);
  return { ruleBudgetMs: ms };
}

/**
 * The report for a bug (an error nobody expected): exit code 2, the stack for the bug report, and the message with
 * anything key-shaped masked, since a message may quote the text being scanned.
 */
export function unexpectedError(err: unknown): RunResult {
  const e = err instanceof Error ? err : new Error(String(err));
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  const head = `${e.name}: ${scrubText(e.message)}`;
  return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound: unexpected error: ${[head, ...frames].join('\n')}\n` };
}

/** The options `scan`, `diff`, `history` and `baseline` read from their arguments the same way. */
export function commonScanArgs(args: Record<string, unknown>): CommonScanOptions {
  return {
    configPath: args.config as string | undefined,
    maxFileSize: parseSize(args['max-file-size'] ?? '64M'),
    redact: !args['no-redact'],
    baseline: args.baseline as string | undefined,
    honorGitleaksAllow: Boolean(args['honor-gitleaks-allow']),
    ...ruleBudget(args),
    ...decodeArgs(args),
  };
}

/** `--max-decode-depth N` and `--max-archive-depth N` as scan options: levels of encodings and archives (0: none). */
export function decodeArgs(args: Record<string, unknown>): { maxDecodeDepth?: number; maxArchiveDepth?: number } {
  const depth = (flag: string, what: string): number | undefined => {
    const value = args[flag];
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 10 || String(value).trim() === '') {
      throw new UsageError(`invalid --${flag} "${String(value)}" (use a whole number from 0 to 10; 0 turns ${what} off)`);
    }
    return n;
  };
  const decode = depth('max-decode-depth', 'decoding');
  const archive = depth('max-archive-depth', 'archive scanning');
  return { ...(decode !== undefined ? { maxDecodeDepth: decode } : {}), ...(archive !== undefined ? { maxArchiveDepth: archive } : {}) };
}

/**
 * The report format: `--format` when given, else what the `--output` file's name says (`.json`, `.sarif`,
 * `.sarif.json`, `.ndjson`/`.jsonl`, `.html`), else text. A report written to `findings.json` is JSON, as the name
 * promises, not text in a file a later step fails to parse.
 */
export function reportFormat(args: { format?: unknown; output?: unknown }): string {
  if (args.format !== undefined) return String(args.format);
  const out = typeof args.output === 'string' ? args.output.toLowerCase() : '';
  if (/\.sarif(?:\.json)?$/.test(out)) return 'sarif';
  if (/\.(?:ndjson|jsonl)$/.test(out)) return 'ndjson';
  if (/\.json$/.test(out)) return 'json';
  if (/\.html?$/.test(out)) return 'html';
  return 'text';
}
