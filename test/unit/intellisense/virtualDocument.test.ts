import assert from "node:assert/strict";
import { test } from "node:test";
import ts from "typescript";
import { cellDiagnostics } from "../../../src/intellisense/cellDiagnostics";
import { buildVirtualDocument, parseCell } from "../../../src/intellisense/virtualDocument";

const build = (...cells: string[]) => {
  const parsed = cells.map(parseCell);
  return { parsed, doc: buildVirtualDocument(parsed) };
};

test("every offset of every cell maps into the virtual file and back, to the same text", () => {
  const cells = ["const a = 1;\na", "", "let b = a + 1;\r\nconsole.log(b)\n", "await Promise.resolve(b)"];
  const { doc } = build(...cells);
  cells.forEach((text, cell) => {
    for (let offset = 0; offset <= text.length; offset++) {
      const at = doc.toVirtual(cell, offset);
      assert.notEqual(at, undefined, `cell ${cell} offset ${offset}`);
      assert.deepEqual(doc.toCell(at!), { cell, offset });
      if (offset < text.length) assert.equal(doc.text[at!], text[offset]);
    }
  });
});

test("cells nest as blocks, so later cells see earlier declarations and may declare them again", () => {
  const { doc } = build("const net = 1;", "const net = 2;");
  assert.equal(doc.text, "{\nconst net = 1;\n;{\nconst net = 2;\n;}}\n");
});

test("text the virtual file adds belongs to no cell", () => {
  const { doc } = build("x", "y");
  assert.equal(doc.toCell(0), undefined); // "{"
  assert.equal(doc.toCell(doc.text.length - 2), undefined); // the last "}"
});

test("imports are hoisted to the top of the module, mapped to their cell, and blanked in place", () => {
  const cell = 'const a = 1;\nimport { tensor, nn as torch } from "nnbook";\ntensor(a)';
  const { doc, parsed } = build("const z = 0;", cell);
  const importText = 'import { tensor, nn as torch } from "nnbook";';
  assert.ok(doc.text.startsWith(importText + "\n{\n"));
  assert.deepEqual(parsed[1]!.imports[0]!.names, ["tensor", "torch"]);
  const inCell = cell.indexOf("torch");
  assert.equal(doc.toVirtual(1, inCell), importText.indexOf("torch"));
  assert.deepEqual(doc.toCell(importText.indexOf("torch")), { cell: 1, offset: inCell });
  assert.equal(doc.text.split(importText).length, 2, "the import is in the file once");
  assert.ok(doc.text.includes("const a = 1;\n" + " ".repeat(importText.length) + "\ntensor(a)"));
});

test("a name imported by an earlier cell is not imported again", () => {
  const { doc } = build('import { tensor } from "nnbook";', 'import { tensor, nn } from "nnbook";', 'import { optim } from "nnbook";');
  assert.equal(doc.text.match(/import /g)?.length, 2);
  assert.ok(doc.text.startsWith('import { tensor } from "nnbook";\nimport { optim } from "nnbook";\n'));
});

test("an import that does not parse yet is blanked, not hoisted above the other cells", () => {
  const { doc } = build("const a = 1;", 'import { tensor, } from "nnb');
  assert.ok(doc.text.startsWith("{\nconst a = 1;\n"));
  assert.ok(!doc.text.includes("import"));
});

test("a top-level var is checked as a let; other vars and declare var stay", () => {
  const { doc } = build("var x = 1;\nfunction f() { var y = 2; }\ndeclare var z: number;");
  assert.ok(doc.text.includes("let x = 1;\nfunction f() { var y = 2; }\ndeclare var z: number;"));
});

test("syntax errors are the cell's own, at its own offsets", () => {
  const { parsed } = build("const ok = 1;", "const x = (1 + ;\n");
  assert.deepEqual(parsed[0]!.syntaxErrors, []);
  const [error] = parsed[1]!.syntaxErrors;
  assert.equal(error!.start, "const x = (1 + ".length);
  assert.equal(error!.message, "Expression expected.");
});

test("type errors are attributed to their cell; past a cell with a syntax error only syntax errors show", () => {
  const cells = ["a", "const x = (", "b"];
  const { doc, parsed } = build(...cells);
  const at = (cell: number, offset: number) => doc.toVirtual(cell, offset)!;
  const error = (start: number, message: string): ts.Diagnostic => ({
    category: ts.DiagnosticCategory.Error, code: 2304, file: undefined, start, length: 1, messageText: message,
  });
  const shown = cellDiagnostics(doc, parsed, [error(at(0, 0), "in cell 0"), error(at(1, 6), "in cell 1"), error(at(2, 0), "in cell 2"), error(0, "added text")]);
  assert.deepEqual(
    shown.map((d) => [d.cell, d.start, d.message]),
    [[1, 11, "Expression expected."], [0, 0, "in cell 0"], [1, 6, "in cell 1"]],
  );
});
