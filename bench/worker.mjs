// One framework in its own process, so no framework's JIT state, garbage or heap size
// affects another's. run.mjs sends it one request at a time over IPC.
import { performance } from "node:perf_hooks";
import { workload, makeBatches, initialWeights } from "./workloads.mjs";

const [framework, enginePath] = process.argv.slice(2);
const loaders = {
  nnbook: () => import("./frameworks/nnbook.mjs").then((m) => m.load({ enginePath })),
  plain: () => import("./frameworks/plain.mjs").then((m) => m.load()),
  "tfjs-cpu": () => import("./frameworks/tfjs.mjs").then((m) => m.load({ backend: "cpu" })),
  "tfjs-wasm": () => import("./frameworks/tfjs.mjs").then((m) => m.load({ backend: "wasm" })),
};

const impl = await loaders[framework]();
let trainer = null;

const handlers = {
  info: () => impl.info,
  setup({ workload: id }) {
    const w = workload(id);
    trainer?.dispose?.();
    trainer = impl.build(w, makeBatches(w), initialWeights(w));
    return {};
  },
  run({ steps }) {
    globalThis.gc?.(); // start every timed run with the same (clean) heap
    const before = trainer.tensors?.();
    const t0 = performance.now();
    trainer.train(steps);
    const ms = performance.now() - t0;
    return { ms, tensorsBefore: before, tensorsAfter: trainer.tensors?.() };
  },
  loss: () => ({ loss: trainer.loss() }),
  exit: () => ({}),
};

process.on("message", (msg) => {
  let reply;
  try {
    reply = { id: msg.id, ok: true, value: handlers[msg.cmd](msg) };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: String(e?.stack ?? e) };
  }
  process.send(reply, () => msg.cmd === "exit" && process.exit(0));
});
process.send({ id: 0, ok: true, value: "ready" });
