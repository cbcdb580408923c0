import type { CellListener } from "../kernel";
import { Mime } from "../protocol/mimes";
import type { CellOutput, OutputItem } from "../protocol/outputs";

/**
 * A cell's outputs gathered the way the editor shows them: consecutive console text of one
 * stream joins one output, and a view with an id is replaced when it updates.
 */
export class CellOutputCollector implements CellListener {
  readonly outputs: CellOutput[] = [];
  private lastStream: { name: string; output: CellOutput } | undefined;
  private readonly byId = new Map<string, CellOutput>();

  /** `onText` gets console text and views' text as they come; `progress` marks a live view's updates. */
  constructor(private readonly onText: (text: string, kind: "stream" | "display" | "progress") => void = () => {}) {}

  stream(name: "stdout" | "stderr", text: string): void {
    const item: OutputItem = { mime: name === "stdout" ? Mime.stdout : Mime.stderr, data: text };
    if (this.lastStream && this.lastStream.name === name) {
      const items = this.lastStream.output.items;
      items[0] = { mime: item.mime, data: String(items[0].data) + text };
    } else {
      const output = { items: [item] };
      this.outputs.push(output);
      this.lastStream = { name, output };
    }
    this.onText(text, "stream");
  }

  display(items: OutputItem[], options: { id?: string; update?: boolean }): void {
    this.lastStream = undefined;
    const text = items.find((i) => i.mime === Mime.text);
    if (text) this.onText(String(text.data) + "\n", options.id ? "progress" : "display");
    const existing = options.id ? this.byId.get(options.id) : undefined;
    if (existing && options.update) {
      existing.items = items;
      return;
    }
    const output = { items };
    if (options.id) this.byId.set(options.id, output);
    this.outputs.push(output);
  }

  error(name: string, message: string, stack: string): void {
    this.lastStream = undefined;
    this.outputs.push({ items: [{ mime: Mime.error, data: { name, message, stack } }] });
  }
}
