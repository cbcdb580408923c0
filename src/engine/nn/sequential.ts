import type { Tensor } from "../tensor";
import type { LayerInfo } from "./layerInfo";
import { Module, layersOf } from "./module";

/** Layers applied one after another; see `nn.Sequential`. `net[0]` is the first layer. */
export class Sequential extends Module {
  readonly [index: number]: Module;

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => this.append(layer, i));
  }

  /** Number of layers. */
  override get length(): number {
    return this.layerList().length;
  }

  /** Add a layer at the end. Returns this. */
  append(layer: Module, index = this.length): this {
    if (!(layer instanceof Module)) {
      throw new TypeError(`Sequential: item ${index} is not a layer (got ${typeof layer}); pass layers like nn.Linear(2, 4), nn.ReLU()`);
    }
    (this as unknown as Module[])[index] = layer;
    return this;
  }

  override forward(x: Tensor): Tensor {
    for (const layer of layersOf(this)) x = layer.forward(x);
    return x;
  }

  override describe(): LayerInfo {
    return { kind: "Sequential", config: {}, features: undefined };
  }

  *[Symbol.iterator](): IterableIterator<Module> {
    for (const layer of this.layerList()) yield layer;
  }
}
