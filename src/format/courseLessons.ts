// The course shipped in examples/course: which lessons there are, read from the notebooks themselves, so a
// lesson added to the folder is listed everywhere (the Open Course picker, the docs index) with no list to keep.
import { parseNnbook } from "./parseNnbook";

/** One lesson of the course. */
export interface CourseLesson {
  /** Its file name in the course folder, such as `01-perceptron.nnbook`. */
  file: string;
  /** Its number, from the file name. */
  number: number;
  /** The title of its first cell, without the `#` and the number: "The neuron and the perceptron". */
  title: string;
  /** The notebook's `metadata.summary`, else the first paragraph after the title as plain text: for pickers and indexes. */
  summary: string;
}

/** Lesson files are numbered: `NN-name.nnbook`. */
export const LESSON_FILE = /^(\d{2})-[a-z0-9-]+\.nnbook$/;

/** Reads a lesson's title and summary from its bytes. Throws when the file is not a titled notebook. */
export function readLesson(file: string, bytes: Uint8Array): CourseLesson {
  const match = LESSON_FILE.exec(file);
  if (!match) throw new Error(`${file} is not a lesson: lesson files are named like 01-perceptron.nnbook`);
  const notebook = parseNnbook(bytes);
  const first = notebook.cells[0];
  const heading = first?.kind === "markdown" ? /^# (?:\d+\.\s*)?(.+)$/m.exec(first.source) : null;
  if (!first || first.kind !== "markdown" || !heading) throw new Error(`${file} does not start with a markdown title (# …)`);
  const given = notebook.metadata.summary;
  const summary = typeof given === "string" && given.trim() !== "" ? given.trim() : firstParagraph(first.source.slice(heading.index + heading[0].length));
  return { file, number: Number(match[1]), title: heading[1].trim(), summary };
}

/** The first paragraph of `markdown` that is not a display formula, as plain text. */
function firstParagraph(markdown: string): string {
  return plainText(markdown.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p !== "" && !p.startsWith("$$")) ?? "");
}

const GREEK: Record<string, string> = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", eta: "η", theta: "θ", lambda: "λ", mu: "μ",
  sigma: "σ", tau: "τ", phi: "φ", partial: "∂", nabla: "∇", cdot: "·", times: "×", to: "→",
};

/** Markdown and inline math as a sentence a picker can show. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\$([^$]+)\$/g, "$1")
    .replace(/\\(?:mathbf|boldsymbol|mathrm|operatorname|text|mathit)\{([^}]*)\}/g, "$1")
    .replace(/\\[lc]?dots\b/g, "…")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/[*_`{}]/g, "")
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => GREEK[name] ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The lessons among `files` (name → bytes), in their order; other files are left out. */
export function courseLessons(files: Iterable<[string, Uint8Array]>): CourseLesson[] {
  const lessons: CourseLesson[] = [];
  for (const [file, bytes] of files) if (LESSON_FILE.test(file)) lessons.push(readLesson(file, bytes));
  return lessons.sort((a, b) => a.number - b.number || a.file.localeCompare(b.file));
}
