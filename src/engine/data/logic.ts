// The truth tables of the logic gates, one row per input combination: the first data sets of every course.
import type { Dataset } from "./dataset";
import { checkOptions } from "../options";
import { classification } from "./make";

const ONE_INPUT = [0, 1], TWO_INPUTS = [0, 0, 0, 1, 1, 0, 1, 1];

// A truth table is exact: no count, noise or seed applies, so an argument given (read from `arguments`, as the
// signature has none) is an error, not ignored.
function gate(name: string, outputs: number[], options: unknown): Dataset {
  checkOptions(`data.${name}`, options as object | undefined, {});
  const inputs = outputs.length === 2 ? ONE_INPUT : TWO_INPUTS;
  return classification(inputs, inputs.length / outputs.length, outputs, 2, { name });
}

/**
 * Logical NOT, the one-input gate: x [[0],[1]] → y [[1],[0]] (binary, x [2, 1], y [2, 1]). A single
 * neuron with a negative weight learns it.
 * @example Perceptron(1).fit(data.not(), { lr: 1, epochs: 10 })
 */
export function not(): Dataset {
  return gate("not", [1, 0], arguments[0]);
}

/**
 * Logical AND: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[0],[0],[1]] (binary, y [4, 1]). Linearly
 * separable: a single perceptron learns it.
 * @example Perceptron(2).fit(data.and(), { lr: 1, epochs: 10 })
 */
export function and(): Dataset {
  return gate("and", [0, 0, 0, 1], arguments[0]);
}

/**
 * Logical OR: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[1],[1],[1]] (binary, y [4, 1]). Linearly separable.
 * @example data.or().y // tensor([[0.], [1.], [1.], [1.]])
 */
export function or(): Dataset {
  return gate("or", [0, 1, 1, 1], arguments[0]);
}

/**
 * Logical NAND (not and): x [[0,0],[0,1],[1,0],[1,1]] → y [[1],[1],[1],[0]] (binary, y [4, 1]).
 * Linearly separable, and every logic circuit can be built from it.
 * @example data.nand().y // tensor([[1.], [1.], [1.], [0.]])
 */
export function nand(): Dataset {
  return gate("nand", [1, 1, 1, 0], arguments[0]);
}

/**
 * Exclusive or: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[1],[1],[0]] (binary, y [4, 1]). No
 * straight line separates the classes, so a perceptron fails and a hidden layer is needed.
 * @example const xor = data.xor(); // Dataset(4 rows, x [4,2], y [4,1])
 */
export function xor(): Dataset {
  return gate("xor", [0, 1, 1, 0], arguments[0]);
}
