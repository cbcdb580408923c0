import { Mime } from "../protocol/mimes";
import type { CellOutput, ErrorData, OutputItem } from "../protocol/outputs";
import { applyOutputEdit, type OutputEdit } from "./outputEdit";

/**
 * A cell's outputs as one run makes them, held as plain data, with the rules the editor and the
 * command line share: consecutive console text of one stream joins one output, and a view sent again
 * with its id and `update` replaces that output's items. Each change is returned as an edit, for a
 * host that keeps outputs of its own (the editor's, through VS Code) to apply.
 */
export class CellOutputs {
  /** The outputs so far: the edits applied in order. */
  readonly list: CellOutput[] = [];
  private lastStream: { name: string; index: number } | undefined;
  /** Where each view with an id is. */
  private readonly views = new Map<string, number>();

  stream(name: "stdout" | "stderr", text: string): OutputEdit {
    const items: OutputItem[] = [{ mime: name === "stdout" ? Mime.stdout : Mime.stderr, data: text }];
    if (this.lastStream && this.lastStream.name === name) return this.apply({ kind: "appendItems", index: this.lastStream.index, items });
    const edit = this.append(items);
    this.lastStream = { name, index: edit.index };
    return edit;
  }

  /** A view; an update of an id not seen in this run (or without an id) is a new output. */
  display(items: OutputItem[], options: { id?: string; update?: boolean } = {}): OutputEdit {
    this.lastStream = undefined;
    const index = options.id ? this.views.get(options.id) : undefined;
    if (index !== undefined && options.update) return this.apply({ kind: "replaceItems", index, items: [...items] });
    const edit = this.append(items);
    if (options.id) this.views.set(options.id, edit.index);
    return edit;
  }

  /** The error a failed cell ends with: VS Code's error item, with only the fields it reads. */
  error({ name, message, stack }: ErrorData): OutputEdit {
    this.lastStream = undefined;
    return this.append([{ mime: Mime.error, data: { name, message, stack } }]);
  }

  private append(items: OutputItem[]): OutputEdit {
    return this.apply({ kind: "append", index: this.list.length, items: [...items] });
  }

  private apply(edit: OutputEdit): OutputEdit {
    applyOutputEdit(this.list, edit);
    return edit;
  }
}
