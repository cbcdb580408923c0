export { KernelSession, DEFAULT_MEMORY_LIMIT_MB, type CellListener, type CellResult, type KernelFiles, type KernelOptions } from "./kernelSession";
export type { CellError } from "./messages";
export { CellOutputs } from "./cellOutputs";
export { applyOutputEdit, type OutputEdit } from "./outputEdit";
export { ExecutionOrder } from "./executionOrder";
