// Runs what the exports wrote with the real tools: Debian's python3-torch (and python3-onnx), as /usr/bin/python3.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const PYTHON = "/usr/bin/python3";

/** Runs `script` with PyTorch in `dir` and returns what it printed as JSON. */
export function runPython(dir: string, script: string): unknown {
  const file = path.join(dir, `check-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  try {
    const out = execFileSync(PYTHON, [file], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OMP_NUM_THREADS: "1" } });
    return JSON.parse(out.trim().split("\n").pop()!);
  } catch (error) {
    const e = error as { stderr?: string; message: string; code?: string };
    if (e.code === "ENOENT") throw new Error(`${PYTHON} is needed to check the exports (apt-get install python3-torch python3-onnx)`);
    throw new Error(`python failed: ${e.stderr ?? e.message}`);
  }
}

export function scratch(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A Python function that flattens tensors, tuples and lists of them into one list of floats, for JSON. */
export const FLATTEN = `
import json, torch
def flat(v):
    if isinstance(v, torch.Tensor):
        return v.detach().double().reshape(-1).tolist()
    if isinstance(v, (tuple, list)):
        return [x for item in v for x in flat(item)]
    raise TypeError(type(v))
`;
