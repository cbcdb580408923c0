#!/usr/bin/env node
// Makes sure everything the e2e suite needs is present: Debian packages
// (Chromium, ripgrep, headers for code-server's native modules) and
// code-server itself, installed once into a cache folder outside the repo.
//
//   node scripts/e2e/setup.mjs          install what is missing, print the paths
//   node scripts/e2e/setup.mjs --json   same, paths as one JSON line (logs go to stderr)
//
// import { setupE2e } from './scripts/e2e/setup.mjs' returns { codeServer, chromium }.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// 4.100.3 is the newest code-server that runs on Node 20.
export const CODE_SERVER_VERSION = '4.100.3';
export const DEBIAN_PACKAGES = [
  'libkrb5-dev',
  'libxkbfile-dev',
  'libsecret-1-dev',
  'libx11-dev',
  'pkg-config',
  'ripgrep',
  'chromium',
];
export const CHROMIUM_PATH = '/usr/bin/chromium';

// The ripgrep version code-server's bundled @vscode/ripgrep 1.15.11 downloads.
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_VERSION = 'v13.0.0-10';
const MARKER = '.nnbook-install-complete';

let log = (msg) => process.stdout.write(`[e2e setup] ${msg}\n`);

export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'nnbook');
}

export function codeServerPrefix() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerBin(prefix = codeServerPrefix()) {
  return join(prefix, 'node_modules', '.bin', 'code-server');
}

function markerPath(prefix = codeServerPrefix()) {
  return join(prefix, MARKER);
}

/** True only when an install finished: a half-finished one has no marker. */
export function isCodeServerInstalled() {
  const prefix = codeServerPrefix();
  if (!existsSync(codeServerBin(prefix)) || !existsSync(markerPath(prefix))) return false;
  return readFileSync(markerPath(prefix), 'utf8').trim() === CODE_SERVER_VERSION;
}

/** Paths of an existing install; throws when setup has not run. */
export function e2ePaths() {
  if (!isCodeServerInstalled()) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerPrefix()}: run node scripts/e2e/setup.mjs`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: run node scripts/e2e/setup.mjs`);
  }
  return { codeServer: codeServerBin(), chromium: CHROMIUM_PATH };
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  // stdout of children goes to stderr when --json keeps stdout for the result.
  const res = spawnSync(cmd, args, { stdio: ['ignore', jsonMode ? 2 : 'inherit', 'inherit'], ...opts });
  if (res.error) throw new Error(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.status ?? res.signal}`);
}

function missingDebianPackages() {
  const probe = spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' });
  if (probe.error) {
    throw new Error(`dpkg-query not found: this setup expects Debian. Install the equivalents of: ${DEBIAN_PACKAGES.join(' ')}`);
  }
  return DEBIAN_PACKAGES.filter((pkg) => {
    const res = spawnSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', pkg], { encoding: 'utf8' });
    return res.status !== 0 || !res.stdout.startsWith('ii');
  });
}

export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) {
    log(`Debian packages present: ${DEBIAN_PACKAGES.join(' ')}`);
    return;
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(
      `missing Debian packages: ${missing.join(' ')}\n` +
        `  install them as root, then run this again:\n` +
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...missing], { env });
  const still = missingDebianPackages();
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}

// @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless the
// archive is already in its cache folder; seed it with Debian's rg.
function seedRipgrepCache() {
  const triple = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!triple) throw new Error(`no ripgrep cache name known for arch ${process.arch}`);
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const archive = join(dir, `ripgrep-${RIPGREP_VERSION}-${triple}.tar.gz`);
  if (existsSync(archive)) {
    log(`ripgrep cache present: ${archive}`);
    return;
  }
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) throw new Error(`${rg} is missing (Debian package ripgrep)`);
  mkdirSync(dir, { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'nnbook-rg-'));
  try {
    copyFileSync(rg, join(stage, 'rg'));
    // Written under a temporary name and renamed so a broken archive is never left behind.
    run('tar', ['-czf', `${archive}.tmp`, '-C', stage, 'rg']);
    run('mv', ['-f', `${archive}.tmp`, archive]);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  log(`ripgrep cache seeded: ${archive}`);
}

// When this runs under `npm run`, npm's own settings for the repo (its prefix,
// global, package fields) are in the environment; they would redirect the install.
function installEnv() {
  const drop = /^npm_(config_(prefix|global|location|local_prefix)|package_|lifecycle_)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !drop.test(key)));
}

export function ensureCodeServer() {
  const prefix = codeServerPrefix();
  if (isCodeServerInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION} present: ${codeServerBin(prefix)}`);
    return codeServerBin(prefix);
  }
  if (existsSync(prefix)) {
    log(`removing unfinished install in ${prefix}`);
    rmSync(prefix, { recursive: true, force: true });
  }
  seedRipgrepCache();
  mkdirSync(prefix, { recursive: true });
  // A project folder of its own: with --global or --prefix, npm passes those
  // settings on to the nested `npm install` in code-server's postinstall,
  // which then installs into the wrong place and fails.
  writeFileSync(
    join(prefix, 'package.json'),
    `${JSON.stringify({ name: 'nnbook-e2e-code-server', private: true }, null, 2)}\n`,
  );
  log(`installing code-server ${CODE_SERVER_VERSION} into ${prefix} (about a minute here; a few on a slow network)`);
  const started = Date.now();
  const env = {
    ...installEnv(),
    // Older npm run as root drops privileges for install scripts, which then cannot write.
    npm_config_unsafe_perm: 'true',
    // code-server's postinstall runs a nested `npx node-gyp`, which must not prompt.
    npm_config_yes: 'true',
    // npm 11.19+ skips dependency install scripts unless allowed; code-server's
    // postinstall and its nested install build native modules and must run.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { env, cwd: prefix });
  if (!existsSync(codeServerBin(prefix))) throw new Error(`npm finished but ${codeServerBin(prefix)} is missing`);
  // `--version` answers even when the postinstall was skipped; the workbench does not.
  const vscodeDir = join(prefix, 'node_modules', 'code-server', 'lib', 'vscode');
  for (const file of ['node_modules/@vscode/ripgrep/bin/rg', 'node_modules/node-pty/build/Release/pty.node']) {
    if (!existsSync(join(vscodeDir, file))) throw new Error(`incomplete install: ${join(vscodeDir, file)} is missing`);
  }
  // Prove the install starts before calling it done.
  // --config keeps it from writing a default config into the user's home.
  const config = join(prefix, 'config.yaml');
  writeFileSync(config, 'auth: none\n');
  // Without VSCODE_* a surrounding VS Code terminal cannot take the call over.
  const plainEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VSCODE_')));
  run(codeServerBin(prefix), ['--config', config, '--version'], { env: plainEnv });
  writeFileSync(markerPath(prefix), `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerBin(prefix);
}

/** Installs whatever is missing and returns the paths the e2e suite uses. */
export function setupE2e() {
  ensureDebianPackages();
  const codeServer = ensureCodeServer();
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing after installing chromium`);
  return { codeServer, chromium: CHROMIUM_PATH };
}

let jsonMode = false;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  jsonMode = process.argv.includes('--json');
  if (jsonMode) log = (msg) => process.stderr.write(`[e2e setup] ${msg}\n`);
  try {
    const paths = setupE2e();
    if (jsonMode) {
      process.stdout.write(`${JSON.stringify(paths)}\n`);
    } else {
      log(`code-server: ${paths.codeServer}`);
      log(`chromium: ${paths.chromium}`);
    }
  } catch (err) {
    process.stderr.write(`[e2e setup] FAILED: ${err instanceof Error ? err.message : err}\n`);
    process.exit(1);
  }
}
