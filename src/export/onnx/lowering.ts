// What lowering a call to ONNX nodes needs: the graph, the ONNX name of each tensor seen so far, and errors that
// name the layer or op that could not be written.
import { Tensor } from "../../engine/tensor";
import type { OnnxGraph } from "./onnxGraph";

export interface Lowering {
  g: OnnxGraph;
  /** The ONNX name of a tensor: a value computed so far, a weight (an initializer under its state_dict key), or a constant. */
  name(t: unknown): string;
  /** A number or tensor operand: a scalar becomes a float constant. */
  operand(v: unknown): string;
  /** Throws the export's error: `what` names the layer or op. */
  fail(what: string, why: string): never;
}

export const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;

/** A dim counted from the end made positive. */
export function axis(dim: number, rank: number): number {
  return dim < 0 ? dim + rank : dim;
}
