export { KernelSession, DEFAULT_MEMORY_LIMIT_MB, type CellListener, type CellResult, type KernelFiles, type KernelOptions, type KernelState } from "./kernelSession";
export { cellName, ordinal } from "./cellName";
export { matmulThreadCount } from "./worker/matmulThreads";
export type { CellError } from "./messages";
export { CellOutputs } from "./cellOutputs";
export { applyOutputEdit, type OutputEdit } from "./outputEdit";
export { ExecutionOrder } from "./executionOrder";
export { EditQueue } from "./editQueue";
