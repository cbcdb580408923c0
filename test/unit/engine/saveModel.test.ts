// save and load: a model goes to safetensors and comes back with identical outputs and state dict; a class of the
// user's own is rebuilt by name; nothing the user had is overwritten unless asked and ours; PyTorch's files load
// with loadStateDict.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, test } from "node:test";
import { load, manualSeed, nn, randint, randn, save, tensor, Tensor } from "../../../src/engine";
import { setWorkspaceFiles } from "../../../src/engine/io/files";
import { decodeSafetensors } from "../../../src/engine/io/safetensors";
import { setClassFinder } from "../../../src/engine/nn/customModule";

const fixtures = path.resolve(__dirname, "../../fixtures/engine");
let disk: Map<string, Uint8Array>;
let classes: Record<string, unknown>;

beforeEach(() => {
  disk = new Map();
  classes = {};
  setClassFinder((name) => classes[name]);
  const missing = (p: string) => Object.assign(new Error(`${p}: no such file`), { code: "ENOENT" });
  setWorkspaceFiles({
    readText: () => Promise.reject(new Error("no text files here")),
    readBytes: async (p) => {
      const bytes = disk.get(p);
      if (!bytes) throw missing(p);
      return { contents: bytes.slice(), displayPath: p };
    },
    writeBytes: async (p, bytes, overwrite) => {
      if (disk.has(p) && !overwrite) throw new Error(`${p}: exists already`);
      disk.set(p, bytes.slice());
      return p;
    },
  });
});
afterEach(() => {
  setWorkspaceFiles(undefined);
  setClassFinder(() => undefined);
});

const arrays = (m: nn.Module) => Object.entries(m.stateDict()).map(([k, t]) => [k, t.shape, Array.from(t.data)]);

let saved = 0;
async function roundTrip(model: nn.Module, ...inputs: Tensor[]) {
  model.eval();
  const name = `m${++saved}.safetensors`;
  await save(model, name);
  const back = (await load(name)).eval();
  assert.equal(String(back), String(model));
  assert.deepEqual(arrays(back), arrays(model));
  const out = (m: nn.Module) => {
    const y = m(...inputs);
    return (Array.isArray(y) ? y[0] : y).toArray();
  };
  assert.deepEqual(out(back), out(model));
  return back;
}

test("every kind of built-in layer comes back with the same outputs and state dict", async () => {
  manualSeed(3);
  const mlp = nn.Sequential(
    nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 8), nn.LayerNorm([8]), nn.LeakyReLU(0.1), nn.GELU({ approximate: "tanh" }),
    nn.ELU(0.5), nn.Softplus({ beta: 2 }), nn.SiLU(), nn.Tanh(), nn.Sigmoid(), nn.Identity(), nn.Linear(8, 3, { bias: false }), nn.LogSoftmax(1),
  );
  mlp(randn([16, 4])); // batch norm's running statistics move
  await roundTrip(mlp, randn([5, 4]));
  const cnn = nn.Sequential(nn.Conv2d(1, 4, 3, { padding: 1 }), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 2, [2, 2], { stride: 2 }), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(2, 2), nn.Softmax(1));
  await roundTrip(cnn, randn([2, 1, 8, 8]));
  await roundTrip(nn.LSTM(3, 5, { numLayers: 2, batchFirst: true }), randn([2, 4, 3]));
  await roundTrip(nn.GRU(3, 4, { bidirectional: true }), randn([4, 2, 3]));
  await roundTrip(nn.RNN(3, 4, { nonlinearity: "relu" }), randn([4, 2, 3]));
  const x = randn([2, 5, 8]);
  await roundTrip(nn.MultiheadAttention(8, 2, { batchFirst: true }), x, x, x);
  await roundTrip(nn.Sequential(nn.Embedding(10, 4, { paddingIdx: 0 }), nn.Flatten(), nn.Linear(12, 2)), randint(0, 10, [3, 3]));
});

test("the file is safetensors PyTorch reads: state dict keys, F32 weights, I64 batch count, the architecture in the metadata", async () => {
  await save(nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3)), "m.safetensors");
  const file = decodeSafetensors(disk.get("m.safetensors")!);
  assert.deepEqual([...file.tensors.keys()], ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"]);
  assert.equal(file.tensors.get("0.weight")!.dtype, "F32");
  assert.equal(file.tensors.get("1.num_batches_tracked")!.dtype, "I64");
  assert.equal(file.metadata.format, "pt");
  assert.equal(JSON.parse(file.metadata["nnbook.module"]).type, "Sequential");
});

class Net extends nn.Module {
  hidden = 3;
  settings = { tag: "a", scales: [1, 2] };
  note: string | undefined = undefined;
  table = tensor([1, 2, 3]);
  fc1 = nn.Linear(2, this.hidden);
  blocks = [nn.Linear(3, 3), nn.Linear(3, 3)];
  scale = nn.Parameter(tensor([2]));
  constructor(public k: number) {
    super();
    this.registerBuffer("mean", tensor([0.5, 0.25, 1]));
  }
  declare mean: Tensor;
  forward(x: Tensor) {
    let h = this.fc1(x).relu();
    for (const b of this.blocks) h = b(h).tanh();
    return h.mul(this.scale).add(this.mean).mul(this.k).add(this.table);
  }
}

test("a class of the user's own is rebuilt by name with its fields, without its constructor, when the kernel defines it", async () => {
  manualSeed(4);
  const net = new Net(3);
  await save(net, "net.safetensors");
  await assert.rejects(load("net.safetensors"), {
    message: "load: the model is a Net, a module class of your own, and no class Net is defined in this kernel: run the cell that defines class Net extends nn.Module { … }, then load again",
  });
  classes.Net = 42;
  await assert.rejects(load("net.safetensors"), /Net here is not an nn\.Module class/);
  classes.Net = Net;
  const back = (await roundTrip(net, randn([4, 2]))) as Net;
  assert.ok(back instanceof Net);
  assert.equal(back.k, 3);
  assert.deepEqual(back.settings, { tag: "a", scales: [1, 2] });
  assert.ok("note" in back && back.note === undefined);
  assert.deepEqual(back.table.toArray(), [1, 2, 3]);
  assert.deepEqual(Object.keys(back.stateDict()), ["scale", "mean", "fc1.weight", "fc1.bias", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias"]);
  assert.equal(back.parameters().length, 7);
});

test("what a file cannot hold is an error naming the field", async () => {
  class WithFunction extends nn.Module {
    act = (x: Tensor) => x.relu();
    forward(x: Tensor) {
      return this.act(x);
    }
  }
  await assert.rejects(save(new WithFunction(), "f.safetensors"), /^Error: save: WithFunction\.act is a function, which a saved model cannot hold/);
  class Holder extends nn.Module {
    inner = nn.Sequential(new WithFunction());
    forward(x: Tensor) {
      return this.inner(x);
    }
  }
  await assert.rejects(save(new Holder(), "f.safetensors"), /save: Holder\.inner\.0\.act is a function/);
  class Hidden extends nn.Module {
    parts = { a: nn.Linear(1, 1) };
    forward(x: Tensor) {
      return x;
    }
  }
  await assert.rejects(save(new Hidden(), "f.safetensors"), /Hidden\.parts holds a module inside an object/);
  assert.equal(disk.size, 0);
});

test("an existing file is replaced only with overwrite, and only when it is one save wrote", async () => {
  const a = nn.Linear(2, 2), b = nn.Linear(2, 2);
  await save(a, "m.safetensors");
  const first = disk.get("m.safetensors")!;
  await assert.rejects(save(b, "m.safetensors"), { message: "save: m.safetensors exists already; pass { overwrite: true } to replace it" });
  assert.deepEqual(disk.get("m.safetensors"), first);
  await save(b, "m.safetensors", { overwrite: true });
  assert.deepEqual(arrays(await load("m.safetensors")), arrays(b));

  const notes = new TextEncoder().encode("my notes");
  disk.set("notes.safetensors", notes);
  await assert.rejects(save(a, "notes.safetensors", { overwrite: true }), {
    message: "save: notes.safetensors exists and is not a file nnbook wrote (not safetensors), so it is left as it is; choose another name",
  });
  const torchFile = new Uint8Array(readFileSync(path.join(fixtures, "torch-state.safetensors")));
  disk.set("torch.safetensors", torchFile);
  await assert.rejects(save(a, "torch.safetensors", { overwrite: true }), /torch\.safetensors exists and is not a file nnbook wrote \(safetensors without an nnbook model in its metadata\)/);
  assert.deepEqual(disk.get("notes.safetensors"), notes);
  assert.deepEqual(disk.get("torch.safetensors"), torchFile);
});

test("wrong arguments are errors that say what to give", async () => {
  const m = nn.Linear(1, 1);
  await assert.rejects(save(m, "net.pt"), { message: 'save: writes safetensors; end the file\'s name in .safetensors ("net.safetensors")' });
  await assert.rejects(save({} as nn.Module, "a.safetensors"), { message: "save: expected a model (an nn.Module), not a Object" });
  await assert.rejects(save(m, 3 as unknown as string), { message: "save: the path must be a string, not number" });
  await assert.rejects(save(m, "a.safetensors", { overwrit: true } as unknown as { overwrite: boolean }), /unknown option "overwrit"; did you mean "overwrite"/);
  await assert.rejects(load("none.safetensors"), { message: "load: none.safetensors: no such file" });
  disk.set("bad.safetensors", new Uint8Array([1, 2, 3]));
  await assert.rejects(load("bad.safetensors"), { message: "load: bad.safetensors is not a safetensors file: it has 3 bytes, fewer than the 8 of a header length" });
  setWorkspaceFiles(undefined);
  await assert.rejects(save(m, "a.safetensors"), { message: "save reads and writes files relative to a notebook; there is no notebook here" });
});

test("a state dict PyTorch saved loads with loadStateDict, and load says to use it", async () => {
  disk.set("torch.safetensors", readFileSync(path.join(fixtures, "torch-state.safetensors")));
  const expected = JSON.parse(readFileSync(path.join(fixtures, "torch-state.json"), "utf8")) as Record<string, { values: number[] }>;
  await assert.rejects(load("torch.safetensors"), {
    message:
      'load: torch.safetensors holds weights (10 tensors) but no model saved by save(), such as a state dict PyTorch wrote: build the model and read them into it with await net.loadStateDict("torch.safetensors")',
  });
  const net = nn.Sequential(nn.Linear(3, 2), nn.BatchNorm1d(2));
  await assert.rejects(net.loadStateDict("torch.safetensors"), /Unexpected key\(s\) in state_dict: "half", "brain", "double"/);
  const result = await net.loadStateDict("torch.safetensors", { strict: false });
  assert.deepEqual(result, { missingKeys: [], unexpectedKeys: ["half", "brain", "double"] });
  for (const [key, t] of Object.entries(net.stateDict())) assert.deepEqual(Array.from(t.data), expected[key].values.map(Math.fround), key);
  await assert.rejects(net.loadStateDict("none.safetensors"), { message: "loadStateDict: none.safetensors: no such file" });
});

test("a model comes back in the mode it was saved in, as torch.load gives a pickled module", async () => {
  const net = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5));
  await save(net, "training.safetensors");
  assert.equal((await load("training.safetensors")).training, true);
  net.eval();
  await save(net, "eval.safetensors");
  const back = await load("eval.safetensors");
  assert.deepEqual(back.modules().map((m) => m.training), [false, false, false]);
});
