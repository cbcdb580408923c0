export * from "./nnbookFile";
export * from "./formatError";
export { parseNnbook } from "./parseNnbook";
export { serializeNnbook } from "./serializeNnbook";
