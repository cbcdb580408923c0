// Matrix-product kernels on row-major arrays with offsets (for batches).
// All accumulate into c, so broadcast batches sum their gradients for free.

/** c[m,n] += a[m,k] · b[k,n]. i-k-j order: the inner loop runs along rows of b and c. */
export function mmNN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = co + i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[ao + i * k + p];
      if (aip === 0) continue; // ReLU outputs are often zero
      const bp = bo + p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

/** c[m,n] += a[m,k] · b[n,k]ᵀ. Each output is a dot product of two contiguous rows. */
export function mmNT(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const ai = ao + i * k;
    for (let j = 0; j < n; j++) {
      const bj = bo + j * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let p = 0;
      for (; p < k4; p += 4) {
        s0 += a[ai + p] * b[bj + p];
        s1 += a[ai + p + 1] * b[bj + p + 1];
        s2 += a[ai + p + 2] * b[bj + p + 2];
        s3 += a[ai + p + 3] * b[bj + p + 3];
      }
      for (; p < k; p++) s0 += a[ai + p] * b[bj + p];
      c[co + i * n + j] += s0 + s1 + s2 + s3;
    }
  }
}

/** c[m,n] += a[k,m]ᵀ · b[k,n]: a sum of outer products of rows, all contiguous. */
export function mmTN(a: Float32Array, ao: number, b: Float32Array, bo: number, c: Float32Array, co: number, m: number, k: number, n: number): void {
  for (let p = 0; p < k; p++) {
    const ap = ao + p * m, bp = bo + p * n;
    for (let i = 0; i < m; i++) {
      const api = a[ap + i];
      if (api === 0) continue;
      const ci = co + i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
    }
  }
}
