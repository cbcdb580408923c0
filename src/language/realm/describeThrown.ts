import { inspect } from "node-inspect-extracted";
import { undefinedNameHint } from "./undefinedName";

/**
 * Anything a cell can throw, as strings: an Error, a null-prototype object, an object whose getters
 * throw, a symbol, a Proxy. Never throws itself, whatever the value does.
 */
export function describeThrown(value: unknown): { name: string; message: string; stack: string } {
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    const name = read(value, "name");
    const message = read(value, "message");
    const stack = read(value, "stack");
    if (message !== undefined) {
      const shownName = name || "Error";
      const explained = explain(value, shownName, message);
      const shownStack = stack === undefined ? `${shownName}: ${explained}` : explained === message ? stack : stack.replace(message, explained);
      return { name: shownName, message: explained, stack: shownStack };
    }
    const text = `uncaught value: ${show(value)}`;
    return { name: "Error", message: text, stack: `Error: ${text}` };
  }
  const text = `uncaught value: ${show(value)}`;
  return { name: "Error", message: text, stack: `Error: ${text}` };
}

/** V8's words, with what they mean in a cell: what the kernel turned off, the name a typo was meant to be. */
function explain(value: object, name: string, message: string): string {
  if (name === "EvalError" && /^Code generation from strings disallowed/.test(message)) {
    return `${message}: cells cannot run code made from strings (eval, new Function, Function("…")); write it in the cell instead`;
  }
  const hint = undefinedNameHint(value, message);
  return hint ? `${message}. ${hint}` : message;
}

/** A string property, or undefined when it is missing, not a string, or its getter throws. */
function read(value: object, key: "name" | "message" | "stack"): string | undefined {
  try {
    const v = (value as Record<string, unknown>)[key];
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The value as console.log would show it, or a plain word if even that throws. */
export function show(value: unknown): string {
  try {
    return typeof value === "string" ? value : inspect(value, { depth: 2, breakLength: Infinity });
  } catch {
    return `(a ${typeof value} that cannot be shown)`;
  }
}
