// `t[0]` on a tensor: PyTorch's indexing, which JavaScript cannot give a class. Rather than a silent
// undefined, reading or writing a numeric key throws with the method to use. The trap sits at the end of
// the prototype chain, so only lookups that find nothing reach it: methods and fields cost nothing more.

function advice(key: string, writing: boolean): string {
  return writing
    ? `tensor[${key}] = …: a tensor is not indexed with [] in the cell language; write t.set(${key}, value) (PyTorch's t[${key}] = value), inside noGrad(() => …) for a tensor that requires grad`
    : `tensor[${key}]: a tensor is not indexed with [] in the cell language; write t.at(${key}) (PyTorch's t[${key}]), t.get(…) for a number, or t.toArray()[${key}]`;
}

const NUMERIC = /^-?\d+$/;

/** Make numeric keys of instances of the class with this prototype throw instead of giving undefined. */
export function forbidBrackets(prototype: object): void {
  // The trap's target is an empty object over the old end, so the chain still reaches Object.prototype
  // (instanceof Object, isPrototypeOf) and only numeric keys are treated differently.
  const end = Object.create(Object.getPrototypeOf(prototype) as object) as object;
  const guard = new Proxy(end, {
    get(target, key, receiver) {
      if (typeof key === "string" && NUMERIC.test(key)) throw new TypeError(advice(key, false));
      return Reflect.get(target, key, receiver);
    },
    set(target, key, value, receiver) {
      if (typeof key === "string" && NUMERIC.test(key)) throw new TypeError(advice(key, true));
      return Reflect.set(target, key, value, receiver);
    },
  });
  Object.setPrototypeOf(prototype, guard);
}
