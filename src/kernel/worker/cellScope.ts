/**
 * The cells' names as `let`s of the context's script scope, which every later script of the context
 * shares. A cell reads such a name as fast as a local; a property of the context's global object goes
 * through Node's interceptor on every use (a few hundred nanoseconds, a microsecond to write), which a
 * training loop at a cell's top level pays at each step. Declared by the kernel, once each, because
 * declaring a `let` twice is an error and a cell runs many times.
 */
import vm from "node:vm";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export class CellScope {
  private readonly declared = new Set<string>();
  private changed = false;

  constructor(private readonly context: vm.Context) {}

  /**
   * The globals the cells start with (the cell language, JavaScript's own), as `let`s of the same value, so
   * that reading `nn`, `Math` or `Float32Array` in a loop costs no lookup either. Only writable, configurable
   * data properties: the others (`undefined`, `NaN`) cannot be shadowed and stay as they are.
   */
  aliasGlobals(): void {
    const names = vm.runInContext(
      `Object.getOwnPropertyNames(globalThis).filter((k) => { const d = Object.getOwnPropertyDescriptor(globalThis, k); return d && "value" in d && d.writable && d.configurable; })`,
      this.context,
    ) as string[];
    const fresh = names.filter((n) => IDENTIFIER.test(n) && !this.declared.has(n));
    // `this` of a script is the global object, whatever a name says: an initializer that threw would leave its
    // `let` unusable for good.
    this.declareAll(fresh.map((name) => [name, `this[${JSON.stringify(name)}]`]));
  }

  /** Declares the names a cell assigns that no cell declared before. */
  declare(names: readonly string[]): void {
    this.declareAll(names.filter((name) => !this.declared.has(name)).map((name) => [name, "void 0"]));
  }

  /**
   * A function of the cells' realm that returns every declared name with its value, for the variables view;
   * undefined when no name was declared since the last call. An object literal, so no global it could
   * reach for (a cell may have replaced `Object`) is used.
   */
  takeReader(): (() => Record<string, unknown>) | undefined {
    if (!this.changed) return undefined;
    this.changed = false;
    // Computed keys: a plain `"__proto__": v` would set the prototype instead.
    const fields = [...this.declared].map((n) => `[${JSON.stringify(n)}]: ${n}`).join(", ");
    return vm.runInContext(`(() => ({ __proto__: null, ${fields} }))`, this.context) as () => Record<string, unknown>;
  }

  /** One script for all (each script compiled costs), or one by one where a name cannot be a `let`. */
  private declareAll(bindings: [name: string, value: string][]): void {
    if (bindings.length === 0 || this.tryLet(bindings)) return;
    for (const binding of bindings) {
      if (this.tryLet([binding])) continue;
      // A name a `let` cannot take (a reserved word of strict code, a global that cannot be shadowed) stays a
      // property of the global object, as cells' names once all were; the cell's assignment reaches it there.
      try {
        vm.runInContext(`var ${binding[0]};`, this.context);
      } catch {
        // Not a name any declaration may take: the cell's own assignment fails, naming it.
      }
    }
  }

  /** Declares `bindings` as one `let` list; false when it does not compile, and then none of them exists. */
  private tryLet(bindings: [name: string, value: string][]): boolean {
    try {
      vm.runInContext(`let ${bindings.map(([name, value]) => `${name} = ${value}`).join(", ")};`, this.context);
    } catch {
      return false;
    }
    for (const [name] of bindings) this.declared.add(name);
    this.changed = true;
    return true;
  }
}
