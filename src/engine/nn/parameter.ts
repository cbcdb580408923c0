import { Tensor } from "../tensor";
import { callable } from "../callable";

/**
 * A tensor that is a learnable weight of a module (torch.nn.Parameter). Assign one to a
 * field of your module and `parameters()` finds it. Shares data with the tensor given.
 * @example this.w = nn.Parameter(randn([3, 1]));
 */
export class ParameterTensor extends Tensor {
  constructor(t: Tensor, requiresGrad = true) {
    super(t.data, t.shape.slice(), requiresGrad);
  }

  override toString(): string {
    return "Parameter containing:\n" + super.toString();
  }
}

export const Parameter = callable(ParameterTensor);
export type Parameter = ParameterTensor;
