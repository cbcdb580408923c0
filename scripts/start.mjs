// `npm start`: builds the extension; opens examples/ in desktop VS Code with it loaded when `code`
// is on the PATH, otherwise runs every example headless and writes its HTML report.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const examples = path.join(root, "examples");
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: "inherit" });

if (run(process.execPath, ["scripts/build.mjs"]).status !== 0) process.exit(1);

const code = spawnSync("code", ["--version"], { stdio: "ignore" });
if (code.status === 0 && !process.env.CI) {
  console.log("Opening examples/ in VS Code with the extension loaded…");
  run("code", [`--extensionDevelopmentPath=${root}`, examples]);
} else {
  console.log("No desktop VS Code (`code`) on the PATH: running the examples headless.");
  let failed = 0;
  for (const name of readdirSync(examples).filter((f) => f.endsWith(".nnbook")).sort()) {
    const html = path.join(examples, name.replace(/\.nnbook$/, ".html"));
    console.log(`\n── ${name}`);
    const r = run(process.execPath, ["out/cli/nnbook.js", "run", path.join(examples, name), "--html", html]);
    if (r.status === 0) console.log(`\nReport: ${html}`);
    else failed++;
  }
  process.exit(failed ? 1 : 0);
}
