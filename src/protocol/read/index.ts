// Readers of the view payloads, for the renderer: each checks a payload field by field.
export { PayloadError } from "./check";
export { readActivation } from "./activation";
export { readActivations } from "./activations";
export { readChart } from "./chart";
export { readDataset } from "./dataset";
export { readLoss } from "./loss";
export { readMath } from "./math";
export { readSummary } from "./summary";
export { readTable } from "./table";
export { readTensor } from "./tensor";
export { readGraph } from "./graph";
export { readBackprop } from "./backprop";
export { readWeights } from "./weights";
export { readGradients } from "./gradients";
export { readNetwork } from "./network";
