// The nnbook engine as users run it: src/engine/index.ts in one esbuild bundle, built
// with the extension's settings (platform node, target node20, names kept, not minified).
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Writes `engine.mjs` (and its source map when asked) into `dir`; returns its path.
 * `entry` picks another engine file, e.g. the matmul kernels on their own.
 */
export async function bundleEngine(dir, { sourcemap = false, entry = "src/engine/index.ts" } = {}) {
  const outfile = path.join(dir, path.basename(entry, ".ts") === "index" ? "engine.mjs" : `${path.basename(entry, ".ts")}.mjs`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    keepNames: true,
    sourcemap,
    logLevel: "warning",
  });
  return outfile;
}
