import { Tensor } from "../tensor";
import { callable } from "../callable";

/** A tensor that is a learnable weight of a module; see `nn.Parameter`. */
export class ParameterTensor extends Tensor {
  constructor(t: Tensor, requiresGrad = true) {
    super(t.data, t.shape.slice(), requiresGrad);
  }

  override toString(): string {
    return "Parameter containing:\n" + super.toString();
  }
}

/**
 * Mark a tensor as a learnable weight of a module (torch.nn.Parameter): it gets
 * requiresGrad and is found by `parameters()` when assigned to a module field.
 * Shares data with the tensor given.
 * @example this.w = nn.Parameter(randn([3, 1]));
 */
export const Parameter = callable(ParameterTensor);
export type Parameter = ParameterTensor;
