// Checks the e2e harness itself against a tiny notebook extension written here
// into a temporary folder: serializer for *.demo, a controller that outputs
// text/plain and application/x-demo+json, and a renderer that draws <div class="demo">.
// Needs `node scripts/e2e/setup.mjs` to have run.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  installExtension,
  installUnpackedExtension,
  launchBrowser,
  openWorkbench,
  startCodeServer,
  type CodeServer,
  type Workbench,
} from './codeServer';
import {
  cellOutputTexts,
  openNotebook,
  outputTexts,
  runAllCells,
  screenshot,
  step,
  waitForKernel,
  waitForOutput,
} from './notebookPage';

const VSCE = fileURLToPath(new URL('../../node_modules/.bin/vsce', import.meta.url));

const DEMO_PACKAGE = {
  name: 'demo-notebook',
  publisher: 'nnbooke2e',
  version: '0.0.1',
  license: 'MIT',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onNotebook:demo-notebook'],
  contributes: {
    notebooks: [{ type: 'demo-notebook', displayName: 'Demo', selector: [{ filenamePattern: '*.demo' }] }],
    notebookRenderer: [
      {
        id: 'demo-renderer',
        displayName: 'Demo renderer',
        entrypoint: './renderer.js',
        mimeTypes: ['application/x-demo+json'],
      },
    ],
  },
};

const DEMO_EXTENSION = `
const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.workspace.registerNotebookSerializer('demo-notebook', {
    deserializeNotebook(content) {
      const text = new TextDecoder().decode(content);
      const raw = text.trim() ? JSON.parse(text) : { cells: [] };
      return new vscode.NotebookData(raw.cells.map((c) =>
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, c.source, 'plaintext')));
    },
    serializeNotebook(data) {
      return new TextEncoder().encode(JSON.stringify({ cells: data.cells.map((c) => ({ source: c.value })) }));
    },
  }));
  const controller = vscode.notebooks.createNotebookController('demo-controller', 'demo-notebook', 'Demo Kernel');
  controller.supportedLanguages = ['plaintext'];
  controller.supportsExecutionOrder = true;
  let order = 0;
  controller.executeHandler = async (cells) => {
    for (const cell of cells) {
      const exec = controller.createNotebookCellExecution(cell);
      exec.executionOrder = ++order;
      exec.start(Date.now());
      // Long enough that a wait for idle which returned too early would be caught.
      await new Promise((r) => setTimeout(r, 300));
      const src = cell.document.getText();
      await exec.replaceOutput([
        new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text('echo: ' + src)]),
        new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json({ text: src.toUpperCase() }, 'application/x-demo+json')]),
      ]);
      exec.end(true, Date.now());
    }
  };
  const prefer = (nb) => {
    if (nb.notebookType === 'demo-notebook') controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
  };
  vscode.workspace.notebookDocuments.forEach(prefer);
  context.subscriptions.push(controller, vscode.workspace.onDidOpenNotebookDocument(prefer));
};
`;

const DEMO_RENDERER = `
export const activate = () => ({
  renderOutputItem(item, element) {
    const div = document.createElement('div');
    div.className = 'demo';
    div.textContent = 'DEMO: ' + item.json().text;
    element.replaceChildren(div);
  },
});
`;

function writeDemoExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(DEMO_PACKAGE, null, 2));
  writeFileSync(join(dir, 'extension.js'), DEMO_EXTENSION);
  writeFileSync(join(dir, 'renderer.js'), DEMO_RENDERER);
  writeFileSync(join(dir, 'README.md'), '# demo notebook\n');
  writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
}

function writeWorkspace(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'sample.demo'), JSON.stringify({ cells: [{ source: 'hello' }, { source: 'world' }] }));
  writeFileSync(join(dir, 'notes.txt'), 'not a notebook\n');
}

let root: string;
let extensionFolder: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'nnbook-e2e-harness-'));
  extensionFolder = join(root, 'demo-extension');
  writeDemoExtension(extensionFolder);
});

after(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('trusted folder, extension installed from a .vsix', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workbench: Workbench | undefined;

  before(async () => {
    const vsix = join(root, 'demo.vsix');
    await promisify(execFile)(VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], {
      cwd: extensionFolder,
    });
    const extensionsDir = join(root, 'extensions-vsix');
    await installExtension(vsix, extensionsDir);
    const workspace = join(root, 'workspace');
    writeWorkspace(workspace);
    server = await startCodeServer({ workspace, extensionsDir });
    browser = await launchBrowser();
    workbench = await openWorkbench(browser, server);
  });

  after(async () => {
    await workbench?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  test('runs all cells and renders both outputs in the webview', async () => {
    const page = workbench!.page;
    await openNotebook(page, 'sample.demo');
    assert.equal(await waitForKernel(page), 'Demo Kernel');

    const statuses = await runAllCells(page);
    assert.deepEqual(
      statuses.map((s) => [s.index, s.state]),
      [
        [0, 'success'],
        [1, 'success'],
      ],
    );

    const { locator } = await waitForOutput(page, 'div.demo');
    await step(page, 'demo-outputs', () =>
      locator.nth(1).waitFor({ state: 'attached', timeout: 10_000 }),
    );
    assert.deepEqual(await locator.allTextContents(), ['DEMO: HELLO', 'DEMO: WORLD']);

    assert.deepEqual(await outputTexts(page), ['echo: hello', 'DEMO: HELLO', 'echo: world', 'DEMO: WORLD']);
    assert.deepEqual(await cellOutputTexts(page, 0), ['echo: hello', 'DEMO: HELLO']);
    assert.deepEqual(await cellOutputTexts(page, 1), ['echo: world', 'DEMO: WORLD']);

    await screenshot(page, 'harness-demo-notebook');
  });
});

describe('untrusted folder, unpacked extension', () => {
  let server: CodeServer | undefined;

  after(async () => {
    await server?.stop();
  });

  test('opens in restricted mode, and stop() leaves no process behind', async () => {
    const extensionsDir = join(root, 'extensions-unpacked');
    const installed = installUnpackedExtension(extensionFolder, extensionsDir);
    assert.match(installed, /nnbooke2e\.demo-notebook-0\.0\.1$/);
    const workspace = join(root, 'untrusted');
    writeWorkspace(workspace);

    server = await startCodeServer({ workspace, extensionsDir, trusted: false });
    const browser = await launchBrowser();
    try {
      const { page } = await openWorkbench(browser, server);
      await step(page, 'restricted-mode', () =>
        page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 }),
      );
      await screenshot(page, 'harness-untrusted');
    } finally {
      await browser.close();
    }

    const pgid = server.pid;
    await server.stop();
    assert.throws(() => process.kill(-pgid, 0), /ESRCH/, 'code-server process group still alive after stop()');
  });
});
