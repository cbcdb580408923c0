/**
 * The cell language: every name a cell sees without an import. The same module is what
 * `import { … } from "nnbook"` names.
 */
export * from "../engine";
export { show } from "../views";
export { exportPyTorch } from "../export/exportPyTorch";
export type { ExportPyTorchOptions } from "../export/exportPyTorch";
export { exportOnnx } from "../export/onnx/exportOnnx";
export type { ExportOnnxOptions } from "../export/onnx/exportOnnx";
