// Installs and locates the tools the benchmark compares against: ripgrep and GNU time (Debian packages, via
// apt-get when missing), secretlint with its recommended preset (npm, into .bench/tools, install scripts off), and
// gitleaks and Betterleaks (`go install` of a pinned version into .bench/go; left out with a note when Go is absent).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRETLINT_VERSION = '13.0.6';
export const PRESET_VERSION = '13.0.7';

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

let aptUpdated = false;
function aptInstall(pkg, log) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), { stdio: 'ignore' });
  if (!aptUpdated) {
    log(`apt-get update`);
    run(['apt-get', 'update', '-qq']);
    aptUpdated = true;
  }
  log(`apt-get install ${pkg}`);
  run(['apt-get', 'install', '-y', '-qq', pkg]);
}

/** ripgrep's path, installing Debian's `ripgrep` when `rg` is missing. */
export function ensureRipgrep(log) {
  if (!which('rg')) aptInstall('ripgrep', log);
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep is not installed and apt-get could not install it');
  return { bin: rg, version: execFileSync(rg, ['--version'], { encoding: 'utf8' }).split('\n')[0] };
}

/** GNU time (for peak RSS), installing Debian's `time` when /usr/bin/time is missing. */
export function ensureGnuTime(log) {
  if (!existsSync('/usr/bin/time')) aptInstall('time', log);
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  if (r.status !== 0 || !/^\d+\s*$/m.test(r.stderr)) throw new Error('/usr/bin/time is not GNU time');
  return { bin: '/usr/bin/time' };
}

/** secretlint + recommended preset in `<benchDir>/tools`, installed without running any install script. */
export function ensureSecretlint(benchDir, log) {
  const prefix = join(benchDir, 'tools');
  const bin = join(prefix, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  const preset = join(prefix, 'node_modules', '@secretlint', 'secretlint-rule-preset-recommend', 'package.json');
  if (!existsSync(bin) || !existsSync(preset)) {
    mkdirSync(prefix, { recursive: true });
    if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{"name":"bench-tools","private":true}\n');
    log(`npm install secretlint@${SECRETLINT_VERSION} into ${prefix}`);
    execFileSync(
      'npm',
      ['install', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save',
        `secretlint@${SECRETLINT_VERSION}`, `@secretlint/secretlint-rule-preset-recommend@${PRESET_VERSION}`],
      { stdio: 'ignore' },
    );
  }
  const rc = join(prefix, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }) + '\n');
  return { bin, rc, prefix, version: `secretlint ${SECRETLINT_VERSION}, preset-recommend ${PRESET_VERSION}` };
}

/**
 * The Go-built peers, pinned. Betterleaks is pinned to the newest version the module proxy here serves (later tags
 * answer 403); `go list -m MODULE@VERSION` shows whether a proxy has one.
 */
export const GO_PEERS = {
  gitleaks: { module: 'github.com/zricethezav/gitleaks/v8', version: 'v8.30.1', bin: 'gitleaks' },
  betterleaks: {
    module: 'github.com/betterleaks/betterleaks',
    version: 'v1.8.1',
    bin: 'betterleaks',
    // Betterleaks' regex binding is its own fork of wasilibs/go-re2 (github.com/betterleaks/go-re2
    // v1.11.0-betterleaks.3), which a proxy may not serve. Then it is built in a throwaway module that puts the
    // upstream release the fork is named after in its place; Betterleaks calls only its Compile.
    fallback: {
      note: 'built with github.com/wasilibs/go-re2 v1.11.0 in place of its fork github.com/betterleaks/go-re2, which the module proxy does not serve',
      replace: 'github.com/betterleaks/go-re2',
      upstream: 'github.com/wasilibs/go-re2',
      upstreamVersion: 'v1.11.0',
    },
  },
};

function lastLine(r) {
  return (r.error?.message ?? r.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit ${r.status}`;
}

/** The fallback build: a module that requires the peer and replaces one dependency with a local stand-in. */
function buildWithStandIn(go, peer, dir, bin, env) {
  const fb = peer.fallback;
  const src = join(dir, 'src');
  mkdirSync(join(src, 'standin'), { recursive: true });
  writeFileSync(join(src, 'standin', 'go.mod'), `module ${fb.replace}\n\ngo 1.21\n\nrequire ${fb.upstream} ${fb.upstreamVersion}\n`);
  writeFileSync(
    join(src, 'standin', 'standin.go'),
    `// Package re2 stands in for ${fb.replace}: Compile from ${fb.upstream}.\npackage re2\n\n` +
      `import upstream "${fb.upstream}"\n\nfunc Compile(expr string) (*upstream.Regexp, error) { return upstream.Compile(expr) }\n`,
  );
  writeFileSync(
    join(src, 'go.mod'),
    `module keyhound.invalid/bench-${peer.bin}\n\ngo 1.25.0\n\nrequire (\n\t${peer.module} ${peer.version}\n\t${fb.upstream} ${fb.upstreamVersion}\n)\n\n` +
      `replace ${fb.replace} => ./standin\n`,
  );
  return spawnSync(go, ['build', '-mod=mod', '-o', bin, peer.module], { cwd: src, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * `go install MODULE@VERSION` with GOBIN=<benchDir>/go/<name>@<version> (once; cached). Returns { bin, version, note? },
 * or { skipped } saying why the tool is left out: no `go` on PATH, or the install failed (no module proxy, a Go too
 * old). Nothing but the build runs: the peers themselves run later, offline, on local files.
 */
export function ensureGoPeer(name, benchDir, log) {
  const peer = GO_PEERS[name];
  if (!peer) throw new Error(`unknown Go peer ${name}`);
  const label = `${name} ${peer.version}`;
  const dir = join(benchDir, 'go', `${name}@${peer.version}`);
  const bin = join(dir, peer.bin);
  const noted = join(dir, 'note.txt');
  if (!existsSync(bin)) {
    const go = which('go');
    if (!go) return { skipped: `${label} left out: no Go toolchain on PATH (\`go install ${peer.module}@${peer.version}\` needs one)` };
    mkdirSync(dir, { recursive: true });
    rmSync(noted, { force: true });
    const env = { ...process.env, GOBIN: dir };
    log(`go install ${peer.module}@${peer.version} into ${dir} (once; cached; minutes on a busy machine)`);
    let r = spawnSync(go, ['install', `${peer.module}@${peer.version}`], { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if ((r.status !== 0 || !existsSync(bin)) && peer.fallback) {
      log(`go install failed (${lastLine(r)}); ${peer.fallback.note}`);
      r = buildWithStandIn(go, peer, dir, bin, env);
      if (r.status === 0 && existsSync(bin)) writeFileSync(noted, peer.fallback.note);
    }
    if (r.status !== 0 || !existsSync(bin)) return { skipped: `${label} left out: \`go install\` failed (${lastLine(r)})` };
  }
  const note = existsSync(noted) ? readFileSync(noted, 'utf8') : undefined;
  return { bin, version: label, ...(note ? { note: `${label}: ${note}.` } : {}) };
}
