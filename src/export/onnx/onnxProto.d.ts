// The part of the generated ONNX messages (onnxProto.js) the export writes and its tests read: plain objects
// with the fields of onnx.proto in camelCase, as protobufjs names them.

export interface TensorProto {
  name: string;
  dims: number[];
  /** TensorProto.DataType: 1 FLOAT, 6 INT32, 7 INT64, 9 BOOL. */
  dataType: number;
  rawData?: Uint8Array;
  floatData?: number[];
  int64Data?: number[];
}

export interface AttributeProto {
  name: string;
  /** AttributeProto.AttributeType: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS. */
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
}

export interface NodeProto {
  name?: string;
  opType: string;
  input: string[];
  output: string[];
  attribute?: AttributeProto[];
}

export interface Dimension {
  dimValue?: number;
  dimParam?: string;
}

export interface ValueInfoProto {
  name: string;
  type: { tensorType: { elemType: number; shape: { dim: Dimension[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  docString?: string;
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  docString?: string;
  opsetImport: { domain: string; version: number }[];
  graph: GraphProto;
  metadataProps?: { key: string; value: string }[];
}

interface Message<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

export declare const onnx: {
  ModelProto: Message<ModelProto>;
};
