// `npm run test:desktop`: the extension-host suite in desktop VS Code, downloaded by
// @vscode/test-electron (so it needs a machine that can reach VS Code's download servers).
import * as esbuild from "esbuild";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { runTests } from "@vscode/test-electron";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
if (spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "inherit" }).status !== 0) process.exit(1);
await esbuild.build({
  entryPoints: [path.join(root, "test/desktop/suite.ts")],
  outfile: path.join(root, "out/test-desktop/suite.js"),
  bundle: true, platform: "node", format: "cjs", target: "node20", external: ["vscode"],
});
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, "out/test-desktop/suite.js"),
    launchArgs: [path.join(root, "examples"), "--disable-extensions", "--disable-workspace-trust"],
  });
  console.log("1 passed, 0 failed");
} catch (error) {
  console.error(`The desktop suite failed or could not start VS Code: ${error instanceof Error ? error.message : error}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
