// nnbook the way a notebook runs it: cells in a kernel (src/kernel/kernelSession.ts, the session the
// editor and `nnbook run` use, with the kernel as built into out/kernel), and a training loop written at
// the top level of a cell as a user writes it, with `model(x)`, `lossFn(…)` and the cell's own variables.
// The data and starting weights are made in the kernel by the very functions of workloads.mjs (their
// source goes into the first cell), so the steps are those of every other framework. Each round is one
// cell; it times its loop with `performance.now()` and prints the time.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleEngine } from "../engine.mjs";
import { batchesOf, digitsTrain, initialWeights, rng } from "../workloads.mjs";

const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const kernelDir = path.join(root, "out", "kernel");

/** threads: the kernel's matmul threads (nnbook.kernel.threads; 0, the default, is one per core). */
export async function load({ threads = 0 } = {}) {
  if (!existsSync(path.join(kernelDir, "process.js"))) throw new Error(`${kernelDir} is not built: run node scripts/build.mjs`);
  const dir = mkdtempSync(path.join(tmpdir(), "nnbook-cell-bench-"));
  const { KernelSession, matmulThreadCount } = await import(pathToFileURL(await bundleEngine(dir, { entry: "src/kernel/index.ts" })).href);
  const session = new KernelSession({ dir: kernelDir }, { notebookDir: dir, matmulThreads: threads });
  let cells = 0;
  /** Runs `source` as the next cell; its console text, or the error it failed with. */
  async function cell(source) {
    let text = "";
    const listener = { stream: (_name, t) => (text += t), display: () => {} };
    const result = await session.run(++cells, source, listener);
    if (!result.ok) throw new Error(`cell ${cells} failed: ${result.error.stack}\n--- its source:\n${source.slice(0, 2000)}`);
    return text;
  }
  await cell([rng, batchesOf, digitsTrain, initialWeights].map(String).join("\n\n"));
  return {
    info: { name: threads === 1 ? "nnbook-cell-1t" : "nnbook-cell", threads: matmulThreadCount(threads) },
    build: async (w) => {
      await cell(w.kind === "matmul" ? productSetupCell(w) : setupCell(w));
      return {
        async train(steps) {
          const text = await cell(w.kind === "matmul" ? productCell(steps) : stepsCell(steps));
          const ms = Number(/^ms (\S+)$/m.exec(text)?.[1]);
          if (!Number.isFinite(ms)) throw new Error(`the training cell printed no time: ${text}`);
          return { ms };
        },
        loss: async () =>
          Number(await cell(w.kind === "matmul" ? "console.log(c.sum().item())" : "console.log(noGrad(() => lossFn(model(loader[0].x), loader[0].y).item()))")),
      };
    },
    exit: () => {
      session.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The layers of a workload as a user types them. */
function layersSource(w) {
  const layers = [];
  if (w.kind === "cnn") {
    const { inChannels, outChannels, kernel, padding } = w.conv;
    layers.push(`nn.Conv2d(${inChannels}, ${outChannels}, ${kernel}, { padding: ${padding} })`, "nn.ReLU()", "nn.MaxPool2d(2)", "nn.Flatten()");
  }
  const act = { relu: "nn.ReLU()", tanh: "nn.Tanh()", sigmoid: "nn.Sigmoid()" };
  for (let i = 0; i + 1 < w.sizes.length; i++) {
    layers.push(`nn.Linear(${w.sizes[i]}, ${w.sizes[i + 1]})`);
    if (act[w.acts[i]]) layers.push(act[w.acts[i]]);
  }
  return layers.join(",\n  ");
}

function setupCell(w) {
  const nOut = w.sizes[w.sizes.length - 1];
  const xShape = w.kind === "cnn" ? [w.batch, w.conv.inChannels, w.conv.size, w.conv.size] : [w.batch, w.sizes[0]];
  return `const w = ${JSON.stringify(w)};
const batches = batchesOf(w, rng(1234), w.data === "digits" ? digitsTrain(data) : null);
const loader = batches.map(({ x, y }) => ({
  x: tensor(x).reshape(${JSON.stringify(xShape)}),
  y: ${w.loss === "ce" ? "tensor(y)" : `tensor(y).reshape([${w.batch}, ${nOut}])`},
}));
const model = nn.Sequential(
  ${layersSource(w)},
);
const params = model.parameters();
initialWeights(w).forEach((l, i) => {
  params[2 * i].data.set(l.weight);
  params[2 * i + 1].data.set(l.bias);
});
const lossFn = ${w.loss === "ce" ? "nn.CrossEntropyLoss()" : "nn.MSELoss()"};
const opt = optim.SGD(model.parameters(), { lr: ${w.lr} });
let next = 0;
`;
}

function stepsCell(steps) {
  return `const t0 = performance.now();
for (let step = 0; step < ${steps}; step++) {
  const { x, y } = loader[next];
  next = (next + 1) % loader.length;
  opt.zeroGrad();
  const loss = lossFn(model(x), y);
  loss.backward();
  opt.step();
}
console.log(\`ms \${performance.now() - t0}\`);
`;
}

function productSetupCell(w) {
  return `const w = ${JSON.stringify(w)};
const [{ x, y }] = batchesOf(w, rng(1234), null);
const a = tensor(x).reshape([${w.m}, ${w.k}]), b = tensor(y).reshape([${w.k}, ${w.n}]);
let c = a.matmul(b);
`;
}

function productCell(steps) {
  return `const t0 = performance.now();
for (let step = 0; step < ${steps}; step++) c = a.matmul(b);
console.log(\`ms \${performance.now() - t0}\`);
`;
}
