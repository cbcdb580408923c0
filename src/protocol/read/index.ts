// Readers of the view payloads, for the renderer: each checks a payload field by field.
export { PayloadError } from "./check";
export { readChart } from "./chart";
export { readDataset } from "./dataset";
export { readLoss } from "./loss";
export { readSummary } from "./summary";
export { readTensor } from "./tensor";
