/**
 * The op behind a grad_fn name as the cell language writes it: "SigmoidBackward0" → "sigmoid",
 * "MseLossBackward0" → "mse_loss". Two are named for what the learner called rather than the kernel
 * that ran: nn.Linear records addmm (x·Wᵀ + b in one op) and matmul records mm.
 */
const CALLED: Record<string, string> = { Addmm: "linear", Mm: "matmul", Permute: "transpose", View: "reshape" };

export function opLabel(gradFn: string): string {
  const op = gradFn.replace(/Backward\d*$/, "");
  return CALLED[op] ?? op.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}
