// PyTorch (one thread; also two, beside it) as the yardstick, in a Python process of its own (pytorch.py) that times its own
// runs. Debian's python3-torch at /usr/bin/python3, or the Python named by NNBOOK_BENCH_PYTHON; without
// it the benchmark leaves PyTorch out and says so.
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const PYTHON = process.env.NNBOOK_BENCH_PYTHON ?? "/usr/bin/python3";

/** Why PyTorch cannot run here, or null when it can. */
export function pytorchMissing() {
  const r = spawnSync(PYTHON, ["-c", "import torch"], { encoding: "utf8" });
  if (r.error) return `${PYTHON}: ${r.error.message}`;
  return r.status === 0 ? null : `${PYTHON} cannot import torch (${r.stderr.trim().split("\n").pop()})`;
}

/** PyTorch on `threads` threads: torch's own and OpenBLAS's, which Debian's build uses for its matrix products. */
export async function load({ threads = 1 } = {}) {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  const child = spawn(PYTHON, [path.join(here, "pytorch.py"), String(threads)], { stdio: ["pipe", "pipe", "pipe"], env });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const lines = createInterface({ input: child.stdout });
  const queue = [];
  lines.on("line", (line) => queue.shift()?.resolve(JSON.parse(line)));
  child.on("exit", (code) => {
    for (const q of queue.splice(0)) q.reject(new Error(`pytorch.py exited (${code}):\n${stderr}`));
  });
  const call = (cmd, params = {}) =>
    new Promise((resolve, reject) => {
      queue.push({ resolve, reject });
      child.stdin.write(JSON.stringify({ cmd, ...params }) + "\n");
    });
  const info = { ...(await call("info")), name: threads === 1 ? "pytorch" : `pytorch, ${threads} threads` };
  return {
    info,
    async build(w, batches, weights) {
      const plain = (a) => Array.from(a);
      await call("setup", {
        workload: w,
        batches: batches.map((b) => ({ x: plain(b.x), y: plain(b.y) })),
        weights: weights.map((l) => ({ ...l, weight: plain(l.weight), bias: plain(l.bias) })),
      });
      return {
        train: (steps) => call("run", { steps }),
        loss: () => call("loss"),
        dispose: () => {},
      };
    },
    exit: () => child.stdin.end(),
  };
}
