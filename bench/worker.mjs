// One framework in its own process, so no framework's JIT state, garbage or heap size
// affects another's. run.mjs sends it one request at a time over IPC.
import { performance } from "node:perf_hooks";
import { workload, makeBatches, initialWeights } from "./workloads.mjs";
import { enableRelaxedSimd } from "./relaxedSimd.mjs";

await enableRelaxedSimd(); // as the kernel process does

const [framework, enginePath] = process.argv.slice(2);
const loaders = {
  nnbook: () => import("./frameworks/nnbook.mjs").then((m) => m.load({ enginePath })),
  "nnbook-cell": () => import("./frameworks/nnbookCell.mjs").then((m) => m.load()),
  "nnbook-cell-1t": () => import("./frameworks/nnbookCell.mjs").then((m) => m.load({ threads: 1 })),
  plain: () => import("./frameworks/plain.mjs").then((m) => m.load()),
  "tfjs-cpu": () => import("./frameworks/tfjs.mjs").then((m) => m.load({ backend: "cpu" })),
  "tfjs-wasm": () => import("./frameworks/tfjs.mjs").then((m) => m.load({ backend: "wasm" })),
  pytorch: () => import("./frameworks/pytorch.mjs").then((m) => m.load()),
  "pytorch-2t": () => import("./frameworks/pytorch.mjs").then((m) => m.load({ threads: 2 })),
};

const impl = await loaders[framework]();
let trainer = null;

const handlers = {
  info: () => impl.info,
  supports: ({ workload: id }) => impl.supports?.(workload(id)) ?? true,
  async setup({ workload: id }) {
    const w = workload(id);
    trainer?.dispose?.();
    trainer = await impl.build(w, await makeBatches(w, { enginePath }), initialWeights(w));
    return {};
  },
  async run({ steps }) {
    globalThis.gc?.(); // start every timed run with the same (clean) heap
    const before = trainer.tensors?.();
    const t0 = performance.now();
    // A framework in another process (PyTorch) times itself and says so.
    const own = await trainer.train(steps);
    const ms = own?.ms ?? performance.now() - t0;
    return { ms, tensorsBefore: before, tensorsAfter: trainer.tensors?.() };
  },
  async loss() {
    const l = await trainer.loss();
    return { loss: typeof l === "number" ? l : l.loss };
  },
  exit: () => (impl.exit?.(), {}),
};

process.on("message", async (msg) => {
  let reply;
  try {
    reply = { id: msg.id, ok: true, value: await handlers[msg.cmd](msg) };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: String(e?.stack ?? e) };
  }
  process.send(reply, () => msg.cmd === "exit" && process.exit(0));
});
process.send({ id: 0, ok: true, value: "ready" });
