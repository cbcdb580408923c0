// Bundles every place code runs into out/: extension host, kernel worker, cell language,
// command line and renderers. Type-checking is separate (`npm run typecheck`).
import * as esbuild from "esbuild";
import { chmodSync, mkdirSync, readdirSync, statSync, copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { buildCellTypes } from "./intellisense/buildTypes.mjs";

const production = process.argv.includes("--production");
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const out = path.join(root, "out");

const common = {
  bundle: true,
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  absWorkingDir: root,
  legalComments: "none",
  // Class names show in messages and reprs (`Sequential(...)`); minifying must keep them.
  keepNames: true,
};
// jsonc-parser's UMD build hides its requires from the bundler: prefer ES modules.
const node = { ...common, platform: "node", format: "cjs", target: "node20", mainFields: ["module", "main"] };
const browser = { ...common, platform: "browser", format: "esm", target: "es2022" };

// Start clean (a production build must not ship a development build's source maps); out/types is tsc's.
for (const entry of ["extension.js", "extension.js.map", "kernel", "cli", "renderers", "katex", "intellisense"]) {
  rmSync(path.join(out, entry), { recursive: true, force: true });
}

// The cell language runs in a vm context, whose global object answers every lookup through an interceptor
// that V8 cannot cache: a built-in read in a hot loop (`Number.isFinite` over a tensor) costs a hundred times
// more there. The bundle takes the built-ins it uses as parameters instead, read once before any cell runs
// (so a cell that replaces `Math` changes only its own code, too).
const REALM_BUILTINS = [
  "Array", "ArrayBuffer", "Atomics", "BigInt", "Boolean", "DataView", "Date", "Error", "EvalError", "FinalizationRegistry",
  "Float32Array", "Float64Array", "Int8Array", "Int16Array", "Int32Array", "Infinity", "Intl", "JSON", "Map", "Math",
  "NaN", "Number", "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "String",
  "Symbol", "SyntaxError", "TypeError", "URIError", "Uint8Array", "Uint8ClampedArray", "Uint16Array", "Uint32Array",
  "WeakMap", "WeakRef", "WeakSet", "WebAssembly", "decodeURIComponent", "encodeURIComponent", "isFinite", "isNaN",
  "parseFloat", "parseInt",
].join(", ");

await Promise.all([
  esbuild.build({ ...node, entryPoints: ["src/extension/extension.ts"], outfile: "out/extension.js", external: ["vscode"] }),
  esbuild.build({ ...node, entryPoints: ["src/kernel/process/main.ts"], outfile: "out/kernel/process.js" }),
  esbuild.build({ ...node, entryPoints: ["src/kernel/worker/main.ts"], outfile: "out/kernel/worker.js" }),
  esbuild.build({ ...node, entryPoints: ["src/kernel/worker/matmulThread.ts"], outfile: "out/kernel/matmulThread.js" }),
  esbuild.build({ ...common, platform: "neutral", format: "iife", target: "es2022", entryPoints: ["src/language/install.ts"], outfile: "out/kernel/language.js", inject: ["src/language/realm/inspectUrl.ts"], banner: { js: `((${REALM_BUILTINS}) => {` }, footer: { js: `})(${REALM_BUILTINS});` } }),
  esbuild.build({ ...node, entryPoints: ["src/intellisense/index.ts"], outfile: "out/intellisense/service.js" }),
  esbuild.build({ ...node, entryPoints: ["src/cli/main.ts"], outfile: "out/cli/nnbook.js", banner: { js: "#!/usr/bin/env node" } }),
  esbuild.build({ ...browser, entryPoints: ["src/renderers/nnbookRenderer.ts"], outfile: "out/renderers/nnbookRenderer.js" }),
  esbuild.build({ ...browser, entryPoints: ["src/renderers/plotly/plotlyBundle.ts"], outfile: "out/renderers/plotly.js", sourcemap: false, minify: true }),
  esbuild.build({ ...browser, entryPoints: ["src/renderers/math/katexBundle.ts"], outfile: "out/renderers/katex.js", sourcemap: false, minify: true }),
]);

// The package's `bin`: esbuild writes a plain file, and `npx nnbook` runs it only if it is executable.
chmodSync(path.join(out, "cli", "nnbook.js"), 0o755);

// Declarations the cells' language service checks against (out/intellisense/types).
const cellTypes = buildCellTypes({ root });

// KaTeX: the stylesheet and only its woff2 fonts, as VS Code's own markdown-math does.
const katex = path.join(root, "node_modules", "katex", "dist");
mkdirSync(path.join(out, "katex", "fonts"), { recursive: true });
copyFileSync(path.join(katex, "katex.min.css"), path.join(out, "katex", "katex.min.css"));
for (const font of readdirSync(path.join(katex, "fonts")).filter((f) => f.endsWith(".woff2"))) {
  copyFileSync(path.join(katex, "fonts", font), path.join(out, "katex", "fonts", font));
}

// Bundle sizes, so growth is seen when it happens.
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== "types") walk(file);
    } else if (name.endsWith(".js")) files.push(file);
  }
})(out);
for (const file of files.sort()) {
  const kb = (statSync(file).size / 1024).toFixed(0).padStart(6);
  console.log(`${kb} KB  ${path.relative(root, file)}`);
}
console.log(`${(cellTypes.bytes / 1024).toFixed(0).padStart(6)} KB  ${path.relative(root, cellTypes.outDir)}/ (${cellTypes.files} files)`);
