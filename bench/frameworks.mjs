// The frameworks compared, each run in its own process by bench/worker.mjs.
import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { pytorchMissing } from "./frameworks/pytorch.mjs";

export const FRAMEWORKS = ["nnbook", "nnbook-cell", "nnbook-cell-1t", "pytorch", "pytorch-2t", "tfjs-cpu", "tfjs-wasm", "plain"];

/** The frameworks this machine can run, and why any is left out (PyTorch needs a Python with torch). */
export function availableFrameworks() {
  const missing = pytorchMissing();
  return { frameworks: FRAMEWORKS.filter((f) => !f.startsWith("pytorch") || !missing), left: missing ? { pytorch: missing } : {} };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** A framework's process (bench/worker.mjs), answering one request at a time. */
export function startFramework(framework, enginePath, { execArgv = [] } = {}) {
  const child = fork(path.join(here, "worker.mjs"), [framework, enginePath], {
    execArgv: ["--expose-gc", ...execArgv],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const waiting = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    waiting.set(0, { resolve, reject });
  });
  child.on("message", (msg) => {
    const w = waiting.get(msg.id);
    // The reply to "exit" can come after the process's exit event, which has settled every request already.
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(new Error(`${framework}: ${msg.error}`));
  });
  child.on("exit", (code) => {
    for (const w of waiting.values()) w.reject(new Error(`${framework} exited (${code}):\n${stderr}`));
    waiting.clear();
  });
  const call = (cmd, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, cmd, ...params });
    });
  return { framework, ready, call };
}
