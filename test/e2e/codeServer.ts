// Starts code-server (VS Code's workbench and extension host, served on
// localhost) and opens it in Debian's Chromium through playwright-core.
// Run `node scripts/e2e/setup.mjs` once first; it installs both.

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { e2ePaths } from '../../scripts/e2e/setup.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // The machine's network is closed: these keep Chromium from calling home.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface StartCodeServerOptions {
  /** Folder opened as the workspace. */
  workspace: string;
  /** Folder code-server loads extensions from (`--extensions-dir`). */
  extensionsDir: string;
  /**
   * true (default): `--disable-workspace-trust`, everything runs.
   * false: trust stays on and the fresh profile has not trusted the folder,
   * so it opens in restricted mode.
   */
  trusted?: boolean;
  /** User settings merged over {@link quietSettings}. */
  settings?: Record<string, unknown>;
  /** Defaults to the binary installed by scripts/e2e/setup.mjs. */
  codeServerPath?: string;
  /** How long to wait for the server to answer; default 60 s. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly workspace: string;
  readonly extensionsDir: string;
  /** Fresh temporary folder, removed by stop(). */
  readonly userDataDir: string;
  readonly trusted: boolean;
  readonly pid: number;
  /** The workbench with the workspace folder open. */
  workbenchUrl(): string;
  /** What code-server printed so far (the tail, for error messages). */
  output(): string;
  /** Ends code-server and every process it started; safe to call twice. */
  stop(): Promise<void>;
}

/** Settings that keep a fresh profile from opening welcome pages, prompts and update checks. */
export function quietSettings(trusted: boolean): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.editor.enablePreview': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'chat.commandCenter.enabled': false,
    'files.hotExit': 'off',
    'notebook.experimental.remoteSave': false,
    // Trust on (and the fresh profile trusting nothing) is what makes a folder untrusted.
    'security.workspace.trust.enabled': !trusted,
    // No modal trust dialog: an untrusted folder just opens in restricted mode.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': trusted,
  };
}

export function codeServerBinary(): string {
  return e2ePaths().codeServer;
}

export function chromiumPath(): string {
  return e2ePaths().chromium;
}

// Process groups still running (with their user-data-dirs); killed and removed
// if the test process ends without stop().
const liveGroups = new Map<number, string>();
let exitHooksInstalled = false;

function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAll = () => {
    for (const [pgid, dir] of liveGroups) {
      killGroup(pgid, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
    liveGroups.clear();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killAll();
      process.removeListener(signal, onSignal);
      // Keep the default behaviour (exit by this signal) unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

// A surrounding VS Code or code-server terminal sets VSCODE_IPC_HOOK_CLI, which
// makes code-server hand its arguments to that instance instead of starting.
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

const OUTPUT_LIMIT = 64 * 1024;

export async function startCodeServer(options: StartCodeServerOptions): Promise<CodeServer> {
  const trusted = options.trusted ?? true;
  const bin = options.codeServerPath ?? codeServerBinary();
  const workspace = resolve(options.workspace);
  const extensionsDir = resolve(options.extensionsDir);
  if (!existsSync(workspace)) throw new Error(`workspace folder does not exist: ${workspace}`);
  mkdirSync(extensionsDir, { recursive: true });

  const userDataDir = mkdtempSync(join(tmpdir(), 'nnbook-e2e-user-'));
  writeUserSettings(userDataDir, { ...quietSettings(trusted), ...options.settings });
  // Its own config file, so nothing is read from or written to ~/.config/code-server.
  const configFile = join(userDataDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  installExitHooks();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  let lastError: Error | undefined;
  // A port found free can be taken before code-server binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = [
      '--config', configFile,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      ...(trusted ? ['--disable-workspace-trust'] : []),
      workspace,
    ];
    try {
      return await launch(bin, args, { port, workspace, extensionsDir, userDataDir, trusted, timeoutMs });
    } catch (err) {
      lastError = err as Error;
      if (!/EADDRINUSE/.test(lastError.message)) break;
    }
  }
  rmSync(userDataDir, { recursive: true, force: true });
  throw lastError ?? new Error('code-server did not start');
}

interface LaunchInfo {
  port: number;
  workspace: string;
  extensionsDir: string;
  userDataDir: string;
  trusted: boolean;
  timeoutMs: number;
}

async function launch(bin: string, args: string[], info: LaunchInfo): Promise<CodeServer> {
  // detached: its own process group, so stop() reaches the extension host and pty host too.
  const child: ChildProcess = spawn(bin, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${bin}`);
  liveGroups.set(pid, info.userDataDir);

  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A test that forgets stop() must not hang the runner: the exit hook kills the group.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  let exited: string | undefined;
  const exitPromise = new Promise<void>((r) => {
    child.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      r();
    });
  });

  const url = `http://127.0.0.1:${info.port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && killGroup(pid, 0)) await delay(100);
    if (killGroup(pid, 'SIGKILL')) {
      const hardDeadline = Date.now() + 5_000;
      while (Date.now() < hardDeadline && killGroup(pid, 0)) await delay(100);
    }
    if (!exited) await Promise.race([exitPromise, delay(2_000)]);
    liveGroups.delete(pid);
    rmSync(info.userDataDir, { recursive: true, force: true });
  };

  const server: CodeServer = {
    port: info.port,
    url,
    workspace: info.workspace,
    extensionsDir: info.extensionsDir,
    userDataDir: info.userDataDir,
    trusted: info.trusted,
    pid,
    workbenchUrl: () => `${url}/?folder=${encodeURIComponent(info.workspace)}`,
    output: () => output,
    stop,
  };

  const deadline = Date.now() + info.timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      liveGroups.delete(pid);
      killGroup(pid, 'SIGKILL');
      throw new Error(`code-server ${exited} before answering on port ${info.port}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  await stop();
  throw new Error(`code-server did not answer on ${url} within ${info.timeoutMs} ms:\n${output}`);
}

export interface InstallExtensionOptions {
  codeServerPath?: string;
  timeoutMs?: number;
}

/** `code-server --install-extension <vsix> --extensions-dir <dir>`; resolves with its output. */
export async function installExtension(
  vsix: string,
  extensionsDir: string,
  options: InstallExtensionOptions = {},
): Promise<string> {
  const bin = options.codeServerPath ?? codeServerBinary();
  mkdirSync(extensionsDir, { recursive: true });
  // A throwaway profile: the install must not touch the user's own.
  const userDataDir = mkdtempSync(join(tmpdir(), 'nnbook-e2e-install-'));
  const configFile = join(userDataDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  try {
    const args = [
      '--config', configFile,
      '--user-data-dir', userDataDir,
      '--extensions-dir', resolve(extensionsDir),
      '--install-extension', resolve(vsix),
      '--force',
    ];
    const out = await new Promise<string>((resolveOut, reject) => {
      execFile(bin, args, { env: cleanEnv(), timeout: options.timeoutMs ?? 120_000 }, (err, stdout, stderr) => {
        const text = `${stdout}${stderr}`;
        if (err) reject(new Error(`installing ${vsix} failed: ${err.message}\n${text}`));
        else resolveOut(text);
      });
    });
    if (!/successfully installed|already installed/i.test(out)) {
      throw new Error(`installing ${vsix} did not report success:\n${out}`);
    }
    return out;
  } finally {
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Copies an extension folder (with its package.json) into the extensions dir as
 * `<publisher>.<name>-<version>`, the layout code-server loads without a .vsix.
 */
export function installUnpackedExtension(extensionFolder: string, extensionsDir: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionFolder, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  cpSync(extensionFolder, target, { recursive: true });
  return target;
}

export interface LaunchBrowserOptions {
  headless?: boolean;
  executablePath?: string;
}

export async function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  // Chromium keeps crash-report folders under XDG_CONFIG_HOME even with a
  // temporary profile: point it at a folder removed when the browser goes.
  const home = mkdtempSync(join(tmpdir(), 'nnbook-e2e-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: options.executablePath ?? chromiumPath(),
      headless: options.headless ?? true,
      args: CHROMIUM_ARGS,
      env: { ...cleanEnv(), XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    });
    browser.on('disconnected', () => rmSync(home, { recursive: true, force: true }));
    return browser;
  } catch (err) {
    rmSync(home, { recursive: true, force: true });
    throw err;
  }
}

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Browser console errors and page errors seen so far. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

export interface OpenWorkbenchOptions {
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}

/** Opens the workbench on the server's folder and waits until it has laid out. */
export async function openWorkbench(
  browser: Browser,
  server: CodeServer,
  options: OpenWorkbenchOptions = {},
): Promise<Workbench> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
  // tsx compiles with esbuild's keepNames, which wraps named functions in a
  // `__name(...)` call; functions sent to page.evaluate then fail in the page without this.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  const timeout = options.timeoutMs ?? 60_000;
  try {
    await page.goto(server.workbenchUrl(), { waitUntil: 'domcontentloaded', timeout });
    await waitForWorkbench(page, timeout);
  } catch (err) {
    await context.close().catch(() => {});
    throw new Error(`workbench did not load from ${server.workbenchUrl()}: ${(err as Error).message}\ncode-server output:\n${server.output()}`);
  }
  return { page, context, consoleErrors, close: () => context.close() };
}

/** The workbench is up when its status bar shows and the explorer lists the folder. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.sidebar .explorer-folders-view').waitFor({ state: 'visible', timeout: timeoutMs });
}
