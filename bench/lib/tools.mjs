// Installs and locates the tools the benchmark compares against: ripgrep and GNU time (Debian packages, via
// apt-get when missing) and secretlint with its recommended preset (npm, into .bench/tools, install scripts off).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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
