import { closestName } from "../../engine/closestName";

// Taken before any cell runs: a cell that replaces these breaks its own code, not its error messages.
const ownNames = Object.getOwnPropertyNames;
const CellReferenceError = ReferenceError;
const scope = globalThis;
/** The names cells declared, which live in the script scope (see CellVariables.useScope). */
let scopeNames: () => string[] = () => [];

export function setScopeNames(names: () => string[]): void {
  scopeNames = names;
}

/**
 * "Did you mean 'net'?" for a ReferenceError of the cells' realm ("nett is not defined"): the nearest
 * name a cell sees on its global object — earlier cells' declarations, the cell language and
 * JavaScript's own globals. Undefined when the error is another one or no name is near; never throws,
 * whatever the thrown value does.
 */
export function undefinedNameHint(error: object, message: string): string | undefined {
  const missing = /^(\S+) is not defined$/.exec(message)?.[1];
  if (!missing) return undefined;
  try {
    // Only the realm's own: a Node module's ReferenceError is about names of another scope.
    if (!(error instanceof CellReferenceError)) return undefined;
    const near = nearestName(missing, [...ownNames(scope), ...scopeNames()]);
    return near === undefined ? undefined : `Did you mean '${near}'?`;
  } catch {
    return undefined;
  }
}

/**
 * The name of `names` a typo of `missing` most likely was, by the rule TypeScript's "Did you mean"
 * follows, so that the editor and the running cell suggest the same name: at most 40% of the word
 * edited, and a name shorter than three letters only when it differs by case alone.
 */
export function nearestName(missing: string, names: readonly string[]): string | undefined {
  const candidates = names.filter((name) => name !== missing && (name.length >= 3 || name.toLowerCase() === missing.toLowerCase()));
  return closestName(missing, candidates, Math.floor(missing.length * 0.4));
}
