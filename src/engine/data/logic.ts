// The four points of a two-input truth table: the first data sets of every course.
import type { Dataset } from "./dataset";
import { classification } from "./make";

const INPUTS = [0, 0, 0, 1, 1, 0, 1, 1];

function gate(name: string, outputs: number[]): Dataset {
  return classification(INPUTS, 2, outputs, 2, { name });
}

/**
 * Logical AND: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[0],[0],[1]] (binary, y [4, 1]). Linearly
 * separable: a single perceptron learns it.
 * @example Perceptron(2).fit(data.and(), { lr: 1, epochs: 10 })
 */
export function and(): Dataset {
  return gate("and", [0, 0, 0, 1]);
}

/**
 * Logical OR: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[1],[1],[1]] (binary, y [4, 1]). Linearly separable.
 * @example data.or().y // tensor([[0.], [1.], [1.], [1.]])
 */
export function or(): Dataset {
  return gate("or", [0, 1, 1, 1]);
}

/**
 * Logical NAND (not and): x [[0,0],[0,1],[1,0],[1,1]] → y [[1],[1],[1],[0]] (binary, y [4, 1]).
 * Linearly separable, and every logic circuit can be built from it.
 * @example data.nand().y // tensor([[1.], [1.], [1.], [0.]])
 */
export function nand(): Dataset {
  return gate("nand", [1, 1, 1, 0]);
}

/**
 * Exclusive or: x [[0,0],[0,1],[1,0],[1,1]] → y [[0],[1],[1],[0]] (binary, y [4, 1]). No
 * straight line separates the classes, so a perceptron fails and a hidden layer is needed.
 * @example const xor = data.xor(); // Dataset(4 rows, x [4,2], y [4,1])
 */
export function xor(): Dataset {
  return gate("xor", [0, 1, 1, 0]);
}
