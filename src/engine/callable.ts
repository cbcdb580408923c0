/**
 * A class that can also be called without `new`, so `nn.Linear(2, 4)` reads as in
 * PyTorch while `new nn.Linear(2, 4)`, `instanceof` and `extends` keep working.
 */
export type Callable<C extends abstract new (...args: any) => any, Call = (...args: ConstructorParameters<C>) => InstanceType<C>> = C & Call;

export function callable<C extends new (...args: any) => any>(cls: C): Callable<C> {
  return new Proxy(cls, {
    apply: (target, _this, args) => new target(...args),
  }) as Callable<C>;
}
