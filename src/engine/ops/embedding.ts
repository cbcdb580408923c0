// Row lookup for nn.Embedding: out[..., :] = weight[index, :], and the gradient added back into the rows used.
import { Tensor } from "../tensor";
import { record } from "../autograd";
import { alloc } from "../storage";

export function embedding(weight: Tensor, indices: Tensor, paddingIdx: number | null): Tensor {
  const [rows, dim] = weight.shape, idx = indices.data, w = weight.data;
  for (let i = 0; i < idx.length; i++) {
    if (!Number.isInteger(idx[i]) || idx[i] < 0 || idx[i] >= rows) {
      throw new RangeError(`Embedding: index ${idx[i]} at position ${i} is not a whole number in 0..${rows - 1} (the embedding has ${rows} rows)`);
    }
  }
  const out = alloc(idx.length * dim);
  for (let i = 0; i < idx.length; i++) out.set(w.subarray(idx[i] * dim, idx[i] * dim + dim), i * dim);
  return record("EmbeddingBackward0", out, [...indices.shape, dim], [weight], (g) => {
    const gw = alloc(rows * dim);
    for (let i = 0; i < idx.length; i++) {
      // The padding row gets no gradient, as in PyTorch: it stays what it was set to.
      if (idx[i] === paddingIdx) continue;
      for (let j = 0; j < dim; j++) gw[idx[i] * dim + j] += g[i * dim + j];
    }
    return [gw];
  });
}
