// Layers and losses against central differences, computed in float64.
import { test } from "node:test";
import { setStorage } from "../../../src/engine/storage";
import { F, nn, manualSeed, tensor, cat } from "../../../src/engine/index";
import { gradcheck, type InputSpec } from "./gradcheck";

setStorage(Float64Array);

const S = (...shape: number[]): InputSpec => ({ shape });
const labels = (shape: number[], values: number[]): InputSpec => ({ shape, values, constant: true });
const probs = (...shape: number[]): InputSpec => ({ shape, lo: 0.05, hi: 0.95 });

/** Check a module: its input plus every parameter. */
function checkModule(name: string, m: nn.Module, input: InputSpec): void {
  const params = m.parameters();
  gradcheck(name, (x) => m.forward(x), [input, ...params.map((tensor) => ({ shape: tensor.shape, tensor }))]);
}

test("losses", async (t) => {
  await t.test("MSELoss", () => gradcheck("MSELoss", (p, y) => nn.MSELoss().forward(p, y), [S(4, 3), S(4, 3)]));
  await t.test("BCELoss", () => gradcheck("BCELoss", (p, y) => nn.BCELoss().forward(p, y), [probs(5, 1), labels([5, 1], [1, 0, 0, 1, 1])]));
  await t.test("BCELoss soft targets", () => gradcheck("BCELoss", (p, y) => nn.BCELoss().forward(p, y), [probs(4), { ...probs(4), constant: true }]));
  await t.test("BCEWithLogitsLoss", () => gradcheck("BCEWithLogitsLoss", (x, y) => nn.BCEWithLogitsLoss().forward(x, y), [{ shape: [6, 1], lo: -6, hi: 6 }, probs(6, 1)]));
  await t.test("CrossEntropyLoss, class indices", () =>
    gradcheck("CrossEntropyLoss", (x, y) => nn.CrossEntropyLoss().forward(x, y), [S(5, 4), labels([5], [0, 3, 1, 1, 2])]));
  await t.test("CrossEntropyLoss, probabilities", () =>
    gradcheck("CrossEntropyLoss", (x, y) => nn.CrossEntropyLoss().forward(x, y.softmax(1)), [S(3, 4), S(3, 4)]));
  await t.test("L1Loss", () => gradcheck("L1Loss", (p, y) => nn.L1Loss()(p, y), [{ shape: [4, 3], gap: 0.1 }, { ...S(4, 3), constant: true, values: new Array(12).fill(0) }]));
  await t.test("HuberLoss both sides of delta", () => gradcheck("HuberLoss", (p, y) => nn.HuberLoss({ delta: 0.7, reduction: "sum" })(p, y), [{ shape: [5, 2], lo: -2, hi: 2 }, S(5, 2)]));
  await t.test("BCEWithLogitsLoss with posWeight and weight, none", () =>
    gradcheck("BCEWithLogitsLoss", (x, y, w) => nn.BCEWithLogitsLoss({ posWeight: w, weight: w, reduction: "none" })(x, y), [S(4, 2), probs(4, 2), { shape: [2], lo: 0.5, hi: 2, constant: true }]));
  await t.test("CrossEntropyLoss, weights, label smoothing, ignored rows", () =>
    gradcheck("CrossEntropyLoss", (x, w) => nn.CrossEntropyLoss({ weight: w, labelSmoothing: 0.2, ignoreIndex: -1 })(x, [0, -1, 3, 2, 1]), [S(5, 4), { shape: [4], lo: 0.5, hi: 2, constant: true }]));
  await t.test("NLLLoss, sum", () => gradcheck("NLLLoss", (x) => nn.NLLLoss({ reduction: "sum" })(x.logSoftmax(1), [2, 0, 1]), [S(3, 4)]));
});

test("layers", async (t) => {
  await t.test("Linear", () => checkModule("Linear", nn.Linear(3, 2), S(4, 3)));
  await t.test("Linear without bias, 3-D input", () => checkModule("Linear", nn.Linear(3, 2, { bias: false }), S(2, 4, 3)));
  const bn = () => {
    const m = nn.BatchNorm1d(3);
    m.weight.data.set([0.5, 1.5, -1]);
    m.bias.data.set([0.1, -0.2, 0.3]);
    return m;
  };
  await t.test("BatchNorm1d train [N, C]", () => checkModule("BatchNorm1d", bn(), S(5, 3)));
  await t.test("BatchNorm1d train [N, C, L]", () => checkModule("BatchNorm1d", bn(), S(3, 3, 4)));
  await t.test("BatchNorm1d eval", () => {
    const m = bn();
    m.runningMean.data.set([0.2, -0.1, 0.4]);
    m.runningVar.data.set([0.5, 2, 1.2]);
    checkModule("BatchNorm1d", m.eval(), S(4, 3));
  });
  await t.test("Dropout (same mask on every evaluation)", () =>
    gradcheck("Dropout", (x) => (manualSeed(5), nn.Dropout(0.3).forward(x)), [S(4, 5)]));
  await t.test("Sequential MLP through every activation layer", () =>
    checkModule("MLP", nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.GELU(), nn.SiLU(), nn.LeakyReLU(0.1), nn.Sigmoid(), nn.Softmax(-1)), S(2, 3)));
  await t.test("ELU, Softplus, GELU (tanh), LogSoftmax", () =>
    checkModule("activations", nn.Sequential(nn.Linear(3, 4), nn.ELU(0.7), nn.Linear(4, 4), nn.Softplus({ beta: 2 }), nn.GELU({ approximate: "tanh" }), nn.LogSoftmax(1)), S(3, 3)));
  await t.test("LayerNorm over the last dim and the last two", () => {
    const m = nn.LayerNorm(4);
    m.weight!.data.set([0.5, 1.5, -1, 2]);
    m.bias!.data.set([0.1, -0.2, 0.3, 0]);
    checkModule("LayerNorm", m, S(3, 4));
    checkModule("LayerNorm [2, 3]", nn.LayerNorm([2, 3]), S(2, 2, 3));
  });
  await t.test("Embedding, repeated indices and a padding row", () => {
    const m = nn.Embedding(5, 3, { paddingIdx: 0 });
    gradcheck("Embedding", (w) => m.forward([1, 3, 1, 4]).mul(w.sum()), [{ shape: [1] }]);
    checkModule("Embedding", nn.Sequential(nn.Embedding(5, 3)), { shape: [2, 3], values: [0, 1, 4, 1, 1, 2], constant: true });
  });
  await t.test("Conv2d and MaxPool2d in a Sequential", () =>
    checkModule("CNN", nn.Sequential(nn.Conv2d(2, 3, 3, { padding: 1, stride: [1, 2] }), nn.Tanh(), nn.MaxPool2d(2, { ceilMode: true })), S(2, 2, 5, 6)));
  await t.test("BatchNorm2d and AvgPool2d after a convolution", () =>
    checkModule("CNN with batch norm", nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.AvgPool2d(2, { stride: 1 })), S(2, 2, 5, 5)));
  await t.test("MultiheadAttention: output and weights, masks, kdim and vdim, F.scaledDotProductAttention", () => {
    const params = (m: nn.Module) => m.parameters().map((tensor) => ({ shape: tensor.shape, tensor }));
    const mha = nn.MultiheadAttention(4, 2, { kdim: 3, vdim: 2 }), pad = tensor([[0, 0, 1, 0], [0, 1, 0, 0]]);
    const causal = { attnMask: tensor([[0, -Infinity, -Infinity, -Infinity], [0, 0, -0.5, -Infinity], [0.3, 0, 0, 0]]), keyPaddingMask: pad };
    const inputs = [S(3, 2, 4), S(4, 2, 3), S(4, 2, 2), ...params(mha)];
    gradcheck("MultiheadAttention", (q, k, v) => mha(q, k, v, causal)[0], inputs);
    // The weights do not depend on the value, its projection or outProj; the first check left its gradients.
    mha.zeroGrad();
    const scoring = [mha.qProjWeight!, mha.kProjWeight!, mha.inProjBias!].map((tensor) => ({ shape: tensor.shape, tensor }));
    gradcheck("MultiheadAttention weights", (q, k, v) => mha(q, k, v, { ...causal, averageAttnWeights: false })[1]!, [S(3, 2, 4), S(4, 2, 3), { ...S(4, 2, 2), constant: true }, ...scoring]);
    const self = nn.MultiheadAttention(4, 4, { batchFirst: true });
    gradcheck("MultiheadAttention self", (x) => self(x, x, x, { isCausal: true })[0], [S(2, 3, 4), ...params(self)]);
    gradcheck("F.scaledDotProductAttention", (q, k, v) => F.scaledDotProductAttention(q, k, v, { attnMask: tensor([[1, 0, 1], [1, 1, 0]]) }), [S(2, 2, 3), S(2, 3, 3), S(2, 3, 2)]);
  });
  await t.test("RNN, LSTM and GRU: stacked, bidirectional, batch first, with initial states", () => {
    const params = (m: nn.Module) => m.parameters().map((tensor) => ({ shape: tensor.shape, tensor }));
    const flat = (...ts: import("../../../src/engine/index").Tensor[]) => cat(ts.map((t) => t.reshape(-1)), 0);
    const rnn = nn.RNN(3, 2, 2, { bidirectional: true, batchFirst: true });
    gradcheck("RNN", (x, h) => flat(...rnn(x, h)), [S(2, 3, 3), S(4, 2, 2), ...params(rnn)]);
    const lstm = nn.LSTM(3, 2, 2, { bidirectional: true });
    gradcheck("LSTM", (x, h, c) => { const [o, [hn, cn]] = lstm(x, [h, c]); return flat(o, hn, cn); }, [S(3, 2, 3), S(4, 2, 2), S(4, 2, 2), ...params(lstm)]);
    const gru = nn.GRU(3, 2, { numLayers: 2 });
    gradcheck("GRU unbatched", (x, h) => flat(...gru(x, h)), [S(4, 3), S(2, 2), ...params(gru)]);
  });
  await t.test("F.pad", () => gradcheck("F.pad", (x) => F.pad(x, [2, 1, 1, 0], { value: 3 }), [S(2, 3, 2)]));
  await t.test("Flatten then Linear", () => checkModule("Flatten", nn.Sequential(nn.Flatten(), nn.Linear(6, 2), nn.ReLU()), { shape: [3, 2, 3], gap: 0.05 }));
});
