// In the editor, t[0] on a tensor is a type error (Tensor has no index signature), while the
// indexing methods that replace it type-check.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { buildCellTypes } from "../../../scripts/intellisense/buildTypes.mjs";
import { createCellLanguageServices, type CellLanguageServices, type NotebookService } from "../../../src/intellisense";

let folder: string;
let services: CellLanguageServices;
const open: NotebookService[] = [];

before(() => {
  folder = mkdtempSync(path.join(tmpdir(), "nnbook-cell-types-"));
  buildCellTypes({ outDir: folder });
  services = createCellLanguageServices(folder);
});
after(() => {
  open.forEach((s) => s.dispose());
  rmSync(folder, { recursive: true, force: true });
});

function problems(...cells: string[]): string[] {
  const service = services.open();
  open.push(service);
  service.setCells(cells);
  return service.diagnostics().map((d) => `${d.cell}:${d.start}-${d.end} ${d.message}`);
}

const message = (k: string) => `A tensor is not indexed with [] in the cell language: write .at(${k}) (PyTorch's t[${k}]), .get(…) for a number, or .toArray()[${k}].`;

test("t[0] on a tensor is an error in the editor, at the access, naming .at(0)", () => {
  const cell = "const t = tensor([[1, 2], [3, 4]]);\nconst row = t[0];";
  const start = cell.indexOf("t[0]");
  assert.deepEqual(problems(cell), [`0:${start}-${start + 4} ${message("0")}`]);
});

test("so are W[0][1] += eps, a number variable as index, a parameter's [i] and writing t[i] = v", () => {
  const cells = ["const W = randn([2, 2]);\nconst i = 1;", "W[0][1] += 1e-4;\nW[i] = 2;\nnn.Linear(2, 1).weight[-1];"];
  const at = (s: string) => cells[1].indexOf(s);
  assert.deepEqual(problems(...cells), [
    `1:${at("W[0]")}-${at("W[0]") + 4} ${message("0")}`,
    `1:${at("W[i]")}-${at("W[i]") + 4} ${message("i")}`,
    `1:${at("nn.Linear")}-${at("[-1]") + 4} ${message("-1")}`,
  ]);
});

test("arrays of tensors, toArray() and a tensor's shape are indexed as usual", () => {
  assert.deepEqual(problems("const x = randn([2, 3]);\nconst [a] = x.chunk(2); const p = x.split(1)[0]; const v: number = x.toArray()[0][1] + x.shape[0];\nconst k = x['shape'];"), []);
});

test("the indexing, joining and in-place methods type-check", () => {
  assert.deepEqual(problems(
    "const x = randn([4, 3], { requiresGrad: true });",
    "const a: Tensor = x.at(-1), b = x.select(1, 0), c = x.narrow(0, 1, 2), d = x.slice(0, 1, undefined, 2), e = x.index([0, 0]);",
    "const n: number = x.get(0, 1); const [p, q] = x.split([1, 3]); const parts: Tensor[] = x.chunk(2, -1);",
    "const y = cat([x, x], 1).view(4, 2, 3).unsqueeze(0).squeeze().expand(2, -1, -1, -1).repeat(1, 1, 1, 2);",
    "const z = stack([x, x]).add(where(x.gt(0), x, 0)).float().tolist();",
    "noGrad(() => x.sub_(x.mul(0.1), { alpha: 1 }).set([0, 0], 1).clamp_(-1, 1).zero_().normal_(0, 0.1).uniform_().fill_(1).copy_(x).mul_(2).div_(2).add_(1));",
    "x.requiresGrad_(false);",
  ), []);
});

test("a Sequential's layers are typed by position, so net[0].weight and net[2].bias type-check as in PyTorch", () => {
  assert.deepEqual(problems(
    "const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1));",
    "const w: Tensor = net[0].weight, b: Tensor = net[2].bias; const f: number = net[0].inFeatures;\nconst s: nn.Sequential = net; const y: Tensor = net(randn([3, 2]));",
    "class Deeper extends nn.Sequential {}\nconst d = new nn.Sequential(nn.Linear(1, 1)); const m: nn.Module = d[0];",
  ), []);
  // A layer keeps its own type: a ReLU has no weight.
  const [problem] = problems("const net = nn.Sequential(nn.Linear(2, 4), nn.ReLU());\nnet[1].weight;");
  assert.match(problem, /Property 'weight' does not exist on type/);
});
