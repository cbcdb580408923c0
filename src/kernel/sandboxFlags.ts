/**
 * Node's permission model for the kernel process: it may read the kernel's own files and the
 * workspace, start its worker thread, and nothing else — no writes, no child processes, no native
 * addons, no inspector. `--experimental-permission` on Node 20, `--permission` from Node 22.
 * Empty where this runtime has neither.
 */
export function sandboxFlags(readable: string[]): string[] {
  const known = process.allowedNodeEnvironmentFlags;
  const flag = known.has("--permission") ? "--permission" : known.has("--experimental-permission") ? "--experimental-permission" : undefined;
  if (!flag) return [];
  // Node 20 grants a folder's contents when its path ends in a separator.
  const folder = (dir: string) => (flag === "--experimental-permission" && !dir.endsWith("/") ? dir + "/" : dir);
  return [flag, ...[...new Set(readable)].map((dir) => `--allow-fs-read=${folder(dir)}`), "--allow-worker"];
}

/** Node's exit code for an option it does not know: a runtime that refused the flags above. */
export const SANDBOX_UNAVAILABLE_EXIT = 9;
