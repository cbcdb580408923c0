// `npm run docs`: runs every lesson of the course (examples/course) with `nnbook run --html` and writes the
// pages, with an index, to docs/course/ (or `--out DIR`). `--only 1,5` builds some lessons and the index
// of all; `--no-build` uses the build in out/ as it is. Each page is self-contained: it opens with no network.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseLessons, type CourseLesson } from "../src/format";

const root = path.dirname(__dirname);
const courseDir = path.join(root, "examples/course");
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const usage = "usage: npm run docs -- [--out DIR] [--only N,N…] [--no-build]";
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out" || args[i] === "--only") i++;
  else if (args[i] !== "--no-build") {
    console.error(`docs: unknown argument "${args[i]}"\n${usage}`);
    process.exit(2);
  }
}
const outDir = path.resolve(option("--out") ?? path.join(root, "docs/course"));
const only = option("--only")?.split(",").map((n) => Number(n));
if (only?.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`docs: --only takes lesson numbers such as 1,5, not "${option("--only")}"\n${usage}`);
  process.exit(2);
}

const run = (argv: string[]) => spawnSync(process.execPath, argv, { cwd: root, stdio: "inherit" }).status;
if (!args.includes("--no-build") && run(["scripts/build.mjs"]) !== 0) process.exit(1);

const lessons = courseLessons(readdirSync(courseDir).map((f): [string, Uint8Array] => [f, readFileSync(path.join(courseDir, f))]));
const missing = only?.filter((n) => !lessons.some((l) => l.number === n)) ?? [];
if (missing.length > 0) {
  console.error(`docs: the course has no lesson ${missing.join(", ")}; its lessons are 1 to ${lessons.length}`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const lesson of lessons) {
  if (only && !only.includes(lesson.number)) continue;
  console.log(`\n── ${lesson.number}. ${lesson.title}`);
  const status = run(["out/cli/nnbook.js", "run", path.join(courseDir, lesson.file), "--html", path.join(outDir, pageName(lesson)), "--quiet"]);
  if (status !== 0) failed++;
}
writeFileSync(path.join(outDir, "index.html"), indexPage(lessons));
console.log(`\n${path.relative(root, path.join(outDir, "index.html"))}: ${lessons.length} lesson${lessons.length === 1 ? "" : "s"}${failed ? `, ${failed} failed` : ""}`);
process.exit(failed ? 1 : 0);

function pageName(lesson: CourseLesson): string {
  return lesson.file.replace(/\.nnbook$/, ".html");
}

function indexPage(all: CourseLesson[]): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const items = all
    .map((l) => `    <li><a href="${escape(pageName(l))}">${escape(l.title)}</a><p>${escape(l.summary)}</p></li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nnbook course: from one neuron to deep networks</title>
<style>
  :root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --link: #0969da; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --link: #4493f8; } }
  body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 46rem; margin: 3rem auto; padding: 0 1rem; }
  h1 { font-size: 1.8rem; margin-bottom: 0.3rem; }
  .lead { color: var(--muted); margin-top: 0; }
  ol { padding-left: 1.6rem; }
  li { margin: 1.1rem 0; }
  li a { font-weight: 600; color: var(--link); text-decoration: none; }
  li a:hover { text-decoration: underline; }
  li p { margin: 0.2rem 0 0; color: var(--muted); }
</style>
</head>
<body>
<h1>From one neuron to deep networks</h1>
<p class="lead">The nnbook course: ${all.length} notebooks, each run as it ships, with every view as it came out. In VS Code, <b>nnbook: Open Course</b> opens them as your own copies.</p>
<ol>
${items}
</ol>
</body>
</html>
`;
}
