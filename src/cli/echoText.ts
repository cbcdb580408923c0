import type { CellListener } from "../kernel";
import { Mime } from "../protocol/mimes";

/**
 * `listener`, with a cell's text passed on as it comes: console text and the text of views to
 * `onText`, the text of live views (those with an id, training progress) to `onProgress`.
 */
export function echoText(listener: CellListener, onText?: (text: string) => void, onProgress?: (text: string) => void): CellListener {
  return {
    stream(name, text) {
      listener.stream(name, text);
      onText?.(text);
    },
    display(items, options) {
      const text = items.find((i) => i.mime === Mime.text);
      if (text) (options.id ? onProgress : onText)?.(String(text.data) + "\n");
      listener.display(items, options);
    },
  };
}
