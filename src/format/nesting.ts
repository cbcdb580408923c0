/**
 * How deep objects and arrays may stand inside one another. The JSON parser and printer recurse
 * once per level, so a limit checked before them keeps a hostile or broken file from exhausting
 * the stack; real notebooks stay far below it.
 */
export const MAX_NESTING = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const STAR = 0x2a;
const CLOSER: Record<number, number> = { 0x7b: 0x7d, 0x5b: 0x5d }; // { } and [ ]

/**
 * Offset of the first `{` or `[` that opens a level deeper than `MAX_NESTING`, or -1. A loop over
 * the text rather than a parse, so it cannot overflow itself. It splits the text into strings and
 * comments as jsonc-parser's scanner does, and closes a level only at its own closing bracket, so
 * that even in broken JSON the parser never nests deeper than this counts.
 */
export function tooDeepAt(text: string): number {
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i + 1);
    else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) i = lineEnd(text, i);
    else if (c === SLASH && text.charCodeAt(i + 1) === STAR) i = blockCommentEnd(text, i + 2);
    else if (CLOSER[c] !== undefined) {
      open.push(CLOSER[c]);
      if (open.length > MAX_NESTING) return i;
    } else if (c === open[open.length - 1]) open.pop();
  }
  return -1;
}

/** A string ends at its quote or, unterminated, at the end of its line; a backslash escapes any character. */
function stringEnd(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE || c === 10 || c === 13) return i;
  }
  return i;
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

function blockCommentEnd(text: string, i: number): number {
  const end = text.indexOf("*/", i);
  return end < 0 ? text.length : end + 1;
}

/** How many levels of objects and arrays `value` has (0 for a number or a string), counted without recursion. */
export function nestingOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (typeof v !== "object" || v === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(v)) {
      if (typeof child === "object" && child !== null) pending.push([child, depth + 1]);
    }
  }
  return deepest;
}
