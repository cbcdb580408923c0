export { PayloadError } from "./check";
export { readSummary } from "./summary";
