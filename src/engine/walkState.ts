// Keys of the bookkeeping a backward() walk keeps on each tensor (autograd.ts). Symbols, so they stay out of
// a tensor's keys, its JSON and the cells' types; fields of the class, so every tensor has the same shape.

/** The walk that last reached the tensor. */
export const WALK_MARK = Symbol("walkMark");
/** The tensor's gradient so far during a walk. */
export const WALK_GRAD = Symbol("walkGrad");
/** Whether that gradient is the walk's own array, safe to add into. */
export const WALK_OWNED = Symbol("walkOwned");
