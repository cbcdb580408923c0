import { viewItem } from "../protocol/payloadMap";
import { Mime } from "../protocol/mimes";
import type { OutputItem } from "../protocol/outputs";

/** Source code with a title, highlighted and with a copy button; the code itself is the text fallback. */
export function codeItems(code: string, title: string): OutputItem[] {
  return [viewItem(Mime.code, { version: 1, language: "python", code, title }), { mime: Mime.text, data: code }];
}
