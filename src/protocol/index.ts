export * from "./mimes";
export * from "./payloads";
export * from "./lossPayload";
export * from "./chartPayloads";
export * from "./outputs";
export * from "./texOptions";
export * from "./numbers";
export * from "./tableNote";
