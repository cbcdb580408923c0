export { KernelSession, type CellListener, type CellResult, type KernelFiles, type KernelOptions } from "./kernelSession";
export type { CellError } from "./messages";
