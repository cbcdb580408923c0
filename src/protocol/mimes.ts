/** The output mime types shared by the kernel, the serializer and the renderers. */
export const Mime = {
  text: "text/plain",
  stdout: "application/vnd.code.notebook.stdout",
  stderr: "application/vnd.code.notebook.stderr",
  error: "application/vnd.code.notebook.error",
  tensor: "application/vnd.nnbook.tensor+json",
  loss: "application/vnd.nnbook.loss+json",
  dataset: "application/vnd.nnbook.dataset+json",
  summary: "application/vnd.nnbook.summary+json",
  activation: "application/vnd.nnbook.activation+json",
  activations: "application/vnd.nnbook.activations+json",
  math: "application/vnd.nnbook.math+json",
  table: "application/vnd.nnbook.table+json",
  chart: "application/vnd.nnbook.chart+json",
  graph: "application/vnd.nnbook.graph+json",
  backprop: "application/vnd.nnbook.backprop+json",
  weights: "application/vnd.nnbook.weights+json",
  gradients: "application/vnd.nnbook.gradients+json",
  network: "application/vnd.nnbook.network+json",
  boundary: "application/vnd.nnbook.boundary+json",
  fit: "application/vnd.nnbook.fit+json",
  confusion: "application/vnd.nnbook.confusion+json",
  images: "application/vnd.nnbook.images+json",
  code: "application/vnd.nnbook.code+json",
} as const;

/** Mimes whose `data` is a JSON value rather than a string, on disk and on the wire. */
export function isJsonMime(mime: string): boolean {
  return mime.endsWith("+json") || mime === "application/json" || mime === Mime.error;
}

/** nnbook's own view mimes: the ones its renderer draws. */
export function isNnbookMime(mime: string): boolean {
  return mime.startsWith("application/vnd.nnbook.");
}
