// Readers of the view payloads, for the renderer: each checks a payload field by field.
export { PayloadError } from "./check";
export { readActivation } from "./activation";
export { readChart } from "./chart";
export { readDataset } from "./dataset";
export { readLoss } from "./loss";
export { readMath } from "./math";
export { readSummary } from "./summary";
export { readTable } from "./table";
export { readTensor } from "./tensor";
export { readBoundary } from "./boundary";
export { readFit } from "./fit";
export { readConfusion } from "./confusion";
export { readImages } from "./images";
