/**
 * The cell realm's one way out. The kernel leaves a single function on the global object before the
 * cell language loads; it is taken and hidden here, and only primitives cross it in either direction.
 * So no object of the kernel's realm (whose `.constructor` would lead to the kernel's `Function`, and
 * from there to `process`) ever reaches a cell: console, timers and the rest are built in this realm.
 */
import { HOST_CALL_KEY, type HostCall, type HostOp } from "./boundary";

const scope = globalThis as unknown as Record<symbol, unknown>;
const taken = scope[Symbol.for(HOST_CALL_KEY)] as HostCall | undefined;
delete scope[Symbol.for(HOST_CALL_KEY)];

/**
 * Calls the kernel. Always a direct call: `host.call(…)` or `apply` would go through
 * `Function.prototype`, which a cell can replace to catch the function itself.
 */
export const host: HostCall =
  taken ??
  (((op: HostOp) => {
    throw new Error(`the cell language runs inside a kernel; there is none here (asked for "${op}")`);
  }) as HostCall);
