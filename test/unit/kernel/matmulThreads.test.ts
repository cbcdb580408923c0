// The kernel's matrix products over helper threads (nnbook.kernel.threads): a kernel asked for two
// starts one more thread when a large product first runs, and gives the very numbers of a kernel
// kept to one; the count asked for is held to the machine's cores.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { test } from "node:test";
import { matmulThreadCount, MAX_MATMUL_THREADS } from "../../../src/kernel/worker/matmulThreads";
import { newKernel, runCell } from "./kernelHarness";

const PRODUCT = [
  "const a = rand([300, 200]).sub(0.5), b = rand([200, 250]).sub(0.5);",
  "const c = a.matmul(b), d = b.T.matmul(a.T).T, e = c.T.matmul(a);",
  "console.log(JSON.stringify([...c.data.slice(0, 50), ...e.data.slice(-50), c.sum().item(), d.sub(c).abs().max().item()]))",
].join("\n");

/** The OS threads of a process (Linux). */
const osThreads = (pid: number) => readdirSync(`/proc/${pid}/task`).length;

test("a kernel on two threads starts one helper for large products and gives the numbers of one thread", { skip: availableParallelism() < 2 || process.platform !== "linux" }, async () => {
  const results: string[] = [];
  const counts: number[] = [];
  for (const threads of [1, 2]) {
    const kernel = newKernel({ matmulThreads: threads });
    try {
      const seeded = await runCell(kernel, 1, "manualSeed(7)");
      assert.ok(seeded.result.ok);
      const before = osThreads(kernel.pid!);
      const ran = await runCell(kernel, 2, PRODUCT);
      assert.ok(ran.result.ok, JSON.stringify(ran.result));
      // The helper starts with the first large product, and says it is ready soon after.
      await new Promise((resolve) => setTimeout(resolve, 500));
      counts.push(osThreads(kernel.pid!) - before);
      results.push(ran.stdout);
    } finally {
      kernel.dispose();
    }
  }
  assert.equal(counts[1] - counts[0], 1, `threads started: ${counts}`);
  assert.equal(results[1], results[0]);
  assert.ok(JSON.parse(results[0]).at(-1) < 1e-4, "(bᵀaᵀ)ᵀ is ab");
});

test("the threads asked for are held to the cores there are; 0 is one per core", () => {
  const cores = availableParallelism();
  assert.equal(matmulThreadCount(1), 1);
  assert.equal(matmulThreadCount(0), Math.min(cores, MAX_MATMUL_THREADS));
  assert.equal(matmulThreadCount(1000), Math.min(cores, MAX_MATMUL_THREADS));
  assert.equal(matmulThreadCount(-3), Math.min(cores, MAX_MATMUL_THREADS));
});
