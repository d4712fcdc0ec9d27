// Timing and peak memory: each command runs under GNU time (`-f %M`, peak resident set in KiB) while we take the
// wall-clock time ourselves; commands of one case run alternately, round after round, and we keep medians.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs one command under GNU time. `cmd` is { bin, args, cwd?, env?, stdout? } where stdout is a file path (the
 * output is kept for recall parsing) or undefined (discarded). Resolves { seconds, peakKiB, status }.
 */
export function timed(gnuTime, cmd) {
  const dir = mkdtempSync(join(tmpdir(), 'kh-bench-'));
  const out = join(dir, 'time.txt');
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(gnuTime, ['-f', '%M', '-o', out, cmd.bin, ...cmd.args], {
      cwd: cmd.cwd,
      env: { ...process.env, ...cmd.env },
      // Output nobody reads goes straight to /dev/null, as it would in a shell with `> /dev/null`.
      stdio: ['ignore', cmd.stdout ? 'pipe' : 'ignore', 'pipe'],
    });
    const chunks = [];
    let err = '';
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => (err = (err + c).slice(-4000)));
    child.on('error', reject);
    child.on('close', (status) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let peakKiB = NaN;
      try {
        peakKiB = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
      } catch {
        // no time file: the command could not start
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ seconds, peakKiB, status, stdout: cmd.stdout ? Buffer.concat(chunks).toString('utf8') : '', stderr: err });
    });
  });
}

/**
 * Runs every command `rounds` times, alternating (A B C, A B C, …) so drift in the machine's state hits all alike;
 * a command with its own `rounds` (fewer) takes part in the first rounds only.
 * `check(name, result)` may throw to abort on a broken run. Returns name → { seconds[], peakKiB[], last }.
 */
export async function alternate(gnuTime, commands, rounds, log, check = () => {}) {
  const results = Object.fromEntries(Object.keys(commands).map((k) => [k, { seconds: [], peakKiB: [], last: null }]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, cmd] of Object.entries(commands)) {
      const n = Math.min(cmd.rounds ?? rounds, rounds);
      if (r >= n) continue;
      const res = await timed(gnuTime, cmd);
      check(name, res);
      results[name].seconds.push(res.seconds);
      results[name].peakKiB.push(res.peakKiB);
      results[name].last = res;
      log(`  round ${r + 1}/${n} ${name}: ${res.seconds.toFixed(2)} s, ${(res.peakKiB / 1024).toFixed(0)} MB`);
    }
  }
  return results;
}
