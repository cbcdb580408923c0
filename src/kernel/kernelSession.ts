import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { OutputItem } from "../protocol/outputs";
import { readVariables, type VariableInfo } from "../protocol/variables";
import type { CellError, HostToKernel, KernelEnd, KernelSetup, KernelToHost, RunRequest } from "./messages";
import { sandboxFlags, SANDBOX_UNAVAILABLE_EXIT } from "./sandboxFlags";
import { matmulThreadCount } from "./worker/matmulThreads";
import { writeWorkspaceFile } from "./workspaceWrite";

/** Where the kernel's bundles are: out/kernel, with process.js, worker.js and language.js. */
export interface KernelFiles {
  dir: string;
}

/** What a running cell produces, as it comes. */
export interface CellListener {
  stream(name: "stdout" | "stderr", text: string): void;
  display(items: OutputItem[], options: { id?: string; update?: boolean }): void;
}

export type CellResult = ({ ok: true } | { ok: false; error: CellError }) & {
  /** The kernel's top-level names after the run (absent when the kernel could not list them). */
  variables?: VariableInfo[];
};

/**
 * Where the kernel is, for a status line: `none` before its first cell (it starts with the first run),
 * `starting` or `restarting` until the cell language has loaded, `idle`, `busy` while cells run, and
 * `dead` after it ended by itself (crash, out of memory, a cell that would not stop) until the next run
 * starts a fresh one.
 */
export type KernelState = "none" | "starting" | "restarting" | "idle" | "busy" | "dead";

export interface KernelOptions {
  /** The notebook's folder: relative paths in cells start there. Default: the current directory. */
  notebookDir?: string;
  /** Folders cells may read files from. Default: the notebook's folder. */
  fileRoots?: string[];
  /** Cells may import Node modules and see `require` and `process`. */
  allowNodeModules?: boolean;
  /** How long a cell may ignore an interrupt before its kernel is ended. */
  interruptGraceMs?: number;
  /** The cells' JavaScript heap, and separately their tensors and WebAssembly memory, in MB. */
  memoryLimitMb?: number;
  /** Console text one cell keeps; the rest is dropped with a note. */
  maxTextBytes?: number;
  /** Threads for large matrix products: 1 turns the helpers off; 0 (the default) is one per core. */
  matmulThreads?: number;
}

export const DEFAULT_MEMORY_LIMIT_MB = 4096;
export const DEFAULT_MAX_TEXT_BYTES = 2 * 2 ** 20;

const STATE_LOST = "Every variable from earlier cells is gone: run them again.";
/** How long the variables view waits for a drawing of a tensor (a training cell answers at its next pause). */
const INSPECT_TIMEOUT_MS = 10_000;
/** How long an ended kernel may take to send its last text before it is killed. */
const EXIT_GRACE_MS = 5000;

interface PendingRun {
  request: RunRequest;
  listener: CellListener;
  resolve: (result: CellResult) => void;
}

interface RunningKernel {
  child: ChildProcess;
  /** The last lines the kernel process wrote to stderr: what a V8 fatal error says. */
  stderr: string;
  /** The worker has loaded the cell language. */
  ready: boolean;
  /** False when the runtime has no permission model and the kernel runs without it. */
  sandboxed: boolean;
  heard: boolean;
  /** Where its cells' relative paths start and the folders they may write into. */
  files: { notebookDir: string; roots: string[] };
}

/**
 * One notebook's kernel as the host sees it: a process of its own (child_process.fork) that keeps
 * the cells' state, cells run one at a time in the order asked. Whatever happens in that process
 * ends only it: the runs it had fail with what happened, and the next run starts a fresh one.
 * Used alike by the editor and the command line.
 */
export class KernelSession {
  private kernel: RunningKernel | undefined;
  private readonly runs = new Map<number, PendingRun>();
  private nextRunId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private escalation: ReturnType<typeof setTimeout> | undefined;
  /** Set once the runtime refused the permission flags: later kernels start without them. */
  private sandboxRefused = false;
  private sandboxNoted = false;
  private restarting = false;
  private lost = false;
  private stateNow: KernelState = "none";
  private readonly stateListeners = new Set<(state: KernelState) => void>();
  private readonly inspections = new Map<number, (items: OutputItem[] | undefined) => void>();
  private nextInspection = 1;

  constructor(
    private readonly files: KernelFiles,
    private readonly options: KernelOptions = {},
  ) {}

  /** Where the kernel is now. */
  get state(): KernelState {
    return this.stateNow;
  }

  /** Calls `listener` with every change of `state`; returns what stops it. */
  onState(listener: (state: KernelState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Runs a cell after those already queued. Never rejects: failures are results. `cellNumber` is its
   * place in the notebook and `executionCount` the number the editor shows for it: errors name both.
   */
  run(cellNumber: number, source: string, listener: CellListener, executionCount?: number): Promise<CellResult> {
    const result = this.queue.then(() => this.start(cellNumber, source, listener, executionCount));
    this.queue = result;
    return result;
  }

  /**
   * Asks the running cell to stop (training stops between two steps). A cell that does not stop
   * within the grace time (a loop that never yields) is ended with its kernel; state is lost.
   */
  interrupt(): void {
    const kernel = this.kernel;
    if (!kernel || this.runs.size === 0) return;
    this.send(kernel, { type: "interrupt" });
    this.escalation ??= setTimeout(() => {
      this.escalation = undefined;
      if (this.runs.size === 0 || this.kernel !== kernel) return;
      this.send(kernel, { type: "terminate" });
      // A kernel that cannot even answer is killed.
      setTimeout(() => {
        if (this.kernel === kernel) this.lose(kernel, { cause: "terminated" });
      }, EXIT_GRACE_MS).unref();
    }, this.options.interruptGraceMs ?? 1000);
  }

  /**
   * The items `show.tensor` gives for the tensor the last run listed as `name`; undefined when the
   * name holds no tensor now, there is no kernel, or it does not answer in time.
   */
  inspect(name: string): Promise<OutputItem[] | undefined> {
    const kernel = this.kernel;
    if (!kernel?.ready) return Promise.resolve(undefined);
    const requestId = this.nextInspection++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answer(undefined), INSPECT_TIMEOUT_MS);
      const answer = (items: OutputItem[] | undefined) => {
        clearTimeout(timer);
        this.inspections.delete(requestId);
        resolve(items);
      };
      this.inspections.set(requestId, answer);
      this.send(kernel, { type: "inspect", requestId, name });
    });
  }

  /** Ends the kernel and everything it held, and starts a fresh one. */
  restart(): void {
    this.end();
    this.restarting = true;
    this.ensureKernel();
  }

  /** Ends the kernel for good (the notebook closed); a later run would start a fresh one. */
  dispose(): void {
    this.end();
    this.updateState();
    this.stateListeners.clear();
  }

  private end(): void {
    const kernel = this.kernel;
    this.kernel = undefined;
    this.lost = false;
    this.clearEscalation();
    kernel?.child.kill("SIGKILL");
    this.failRuns("KernelRestarted", `The kernel was restarted.\n${STATE_LOST}`);
  }

  /** The pid of the kernel process, while there is one (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.kernel?.child.pid;
  }

  private start(cellNumber: number, source: string, listener: CellListener, executionCount?: number): Promise<CellResult> {
    const kernel = this.ensureKernel();
    const runId = this.nextRunId++;
    return new Promise<CellResult>((resolve) => {
      const request: RunRequest = { type: "run", runId, cellNumber, source };
      if (executionCount !== undefined) request.executionCount = executionCount;
      const run: PendingRun = { request, listener, resolve };
      this.runs.set(runId, run);
      this.updateState();
      this.dispatch(kernel, run);
    });
  }

  private updateState(): void {
    const kernel = this.kernel;
    const state: KernelState = !kernel
      ? this.lost ? "dead" : "none"
      : !kernel.ready ? (this.restarting ? "restarting" : "starting")
      : this.runs.size > 0 ? "busy" : "idle";
    if (state === this.stateNow) return;
    this.stateNow = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private ensureKernel(): RunningKernel {
    if (this.kernel) return this.kernel;
    const notebookDir = this.options.notebookDir ?? process.cwd();
    const setup: KernelSetup = {
      workerPath: path.join(this.files.dir, "worker.js"),
      languagePath: path.join(this.files.dir, "language.js"),
      notebookDir,
      fileRoots: this.options.fileRoots ?? [notebookDir],
      allowNodeModules: this.options.allowNodeModules ?? false,
      memoryLimitMb: this.options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
      maxTextBytes: this.options.maxTextBytes ?? DEFAULT_MAX_TEXT_BYTES,
      matmulThreads: matmulThreadCount(this.options.matmulThreads ?? 0),
    };
    const sandbox = this.sandboxRefused ? [] : sandboxFlags([this.files.dir, notebookDir, ...setup.fileRoots]);
    // Not the host's own flags (a test runner's loaders) nor NODE_OPTIONS: the kernel is plain Node.
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: "1" };
    delete env.NODE_OPTIONS;
    const child = fork(path.join(this.files.dir, "process.js"), [JSON.stringify(setup)], {
      execArgv: [...sandbox, "--expose-gc", "--no-warnings", "--max-old-space-size=512"],
      // As Jupyter: relative paths in Node APIs (with Node modules allowed) start at the notebook.
      cwd: notebookDir,
      serialization: "advanced",
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env,
    });
    const kernel: RunningKernel = { child, stderr: "", ready: false, sandboxed: sandbox.length > 0, heard: false, files: { notebookDir, roots: setup.fileRoots } };
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      kernel.stderr = (kernel.stderr + text).slice(-4000);
    });
    child.on("message", (message: KernelToHost) => {
      kernel.heard = true;
      if (this.kernel === kernel) this.receive(kernel, message);
    });
    child.on("error", () => {
      if (this.kernel === kernel) this.lose(kernel, { cause: "crashed", detail: "the kernel process could not be started" });
    });
    child.on("exit", (code, signal) => {
      if (this.kernel !== kernel) return;
      if (code === SANDBOX_UNAVAILABLE_EXIT && !kernel.heard && kernel.sandboxed) return this.retryWithoutSandbox();
      this.lose(kernel, describeExit(code, signal, kernel.stderr));
    });
    this.kernel = kernel;
    this.lost = false;
    this.updateState();
    return kernel;
  }

  /** Sends a run to the kernel; the first run in a kernel without the permission model says so. */
  private dispatch(kernel: RunningKernel, run: PendingRun): void {
    if (!kernel.sandboxed && !this.sandboxNoted) {
      this.sandboxNoted = true;
      run.listener.stream(
        "stderr",
        "Note: this runtime has no Node permission model, so the kernel runs without it. Cells still see no Node objects, but no process-level limit stops one that finds a way out.\n",
      );
    }
    this.send(kernel, run.request);
  }

  /** The runtime (an editor's Electron) refused the permission flags: start again without them. */
  private retryWithoutSandbox(): void {
    this.sandboxRefused = true;
    this.kernel = undefined;
    const fresh = this.ensureKernel();
    for (const run of this.runs.values()) this.dispatch(fresh, run);
  }

  private receive(kernel: RunningKernel, message: KernelToHost): void {
    // The kernel runs user code: its messages are checked, not trusted.
    if (typeof message !== "object" || message === null) return;
    if (message.type === "ended") return this.lose(kernel, message.end);
    if (message.type === "inspected") {
      this.inspections.get(message.requestId)?.(Array.isArray(message.items) ? message.items : undefined);
      return;
    }
    if (message.type === "writeFile") return this.writeFile(kernel, message);
    if (message.type === "ready") {
      kernel.ready = true;
      this.restarting = false;
      return this.updateState();
    }
    const run = typeof message.runId === "number" ? this.runs.get(message.runId) : undefined;
    if (!run) return;
    switch (message.type) {
      case "stream":
        if ((message.name === "stdout" || message.name === "stderr") && typeof message.text === "string") run.listener.stream(message.name, message.text);
        break;
      case "display":
        if (Array.isArray(message.items)) run.listener.display(message.items, { id: message.id, update: message.update });
        break;
      case "done":
        this.runs.delete(message.runId);
        this.clearEscalation();
        this.updateState();
        const variables = message.variables === undefined ? {} : { variables: readVariables(message.variables) };
        run.resolve(message.ok ? { ok: true, ...variables } : { ok: false, error: message.error, ...variables });
        break;
    }
  }

  /** The kernel ended (or must): fail what was running in it, and say why. */
  private lose(kernel: RunningKernel, end: KernelEnd): void {
    if (this.kernel !== kernel) return;
    this.kernel = undefined;
    this.lost = true;
    this.restarting = false;
    this.clearEscalation();
    setTimeout(() => kernel.child.kill("SIGKILL"), EXIT_GRACE_MS).unref();
    this.updateState();
    switch (end.cause) {
      case "terminated":
        return this.failRuns("KernelRestarted", `The cell did not stop when asked, so its kernel was restarted.\n${STATE_LOST}`);
      case "out-of-memory":
        return this.failRuns("OutOfMemory", `The kernel ran out of memory (${end.detail}) and was restarted.\n${STATE_LOST}`);
      case "crashed":
        return this.failRuns("KernelCrashed", `The kernel stopped unexpectedly (${end.detail}) and was restarted.\n${STATE_LOST}`);
    }
  }

  private failRuns(name: string, message: string): void {
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const answer of [...this.inspections.values()]) answer(undefined);
    this.updateState();
    for (const run of runs) run.resolve({ ok: false, error: { name, message, stack: `${name}: ${message}`, kernelLost: true } });
  }

  /** A cell's `save` or export: written here, where writing is allowed, and answered whatever happens. */
  private writeFile(kernel: RunningKernel, message: Extract<KernelToHost, { type: "writeFile" }>): void {
    const { requestId, path: file, bytes, overwrite } = message;
    if (typeof requestId !== "number") return;
    const answer = (ok: boolean, text: string) => this.send(kernel, { type: "fileWritten", requestId, ok, text });
    if (typeof file !== "string" || !(bytes instanceof Uint8Array) || typeof overwrite !== "boolean") return answer(false, "the kernel asked to write a file without a path or bytes");
    writeWorkspaceFile(file, bytes, kernel.files.notebookDir, kernel.files.roots, overwrite).then(
      ({ displayPath }) => answer(true, displayPath),
      (error: Error) => answer(false, error.message),
    );
  }

  private send(kernel: RunningKernel, message: HostToKernel): void {
    if (kernel.child.connected) kernel.child.send(message);
  }

  private clearEscalation(): void {
    if (this.escalation) clearTimeout(this.escalation);
    this.escalation = undefined;
  }
}

/** What an exit code, a signal and the last stderr lines say about how a kernel process ended. */
function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): KernelEnd {
  const fatal = /FATAL ERROR: ([^\n]*)/.exec(stderr)?.[1]?.trim();
  if (fatal && /heap|memory|allocation/i.test(fatal)) return { cause: "out-of-memory", detail: `V8: ${fatal}` };
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  return { cause: "crashed", detail: fatal ? `${how}: ${fatal}` : how };
}
