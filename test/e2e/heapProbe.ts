// What a page keeps alive, read through the DevTools protocol: objects still reachable after a full garbage
// collection (detached nodes included), and the listeners on `window`. Counts, not bytes, so tests can
// assert on them exactly.

import type { CDPSession, Page } from "playwright-core";

export interface HeapProbe {
  /**
   * How many objects made from `constructor` (a global's name: "HTMLDivElement", "MutationObserver") are
   * alive after a full collection and pass `filter`, a function source run on each (`(o) => boolean`).
   */
  live(constructor: string, filter?: string): Promise<number>;
  /** The types of the listeners on `window`, one entry per listener. */
  windowListeners(): Promise<string[]>;
  /** Bytes of the JavaScript heap in use after a full collection; varies run to run, for reports only. */
  heapUsed(): Promise<number>;
}

export async function heapProbe(page: Page): Promise<HeapProbe> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  // References the probe holds are released after every reading, so that it keeps nothing alive itself.
  const group = "nnbook-heap-probe";
  const evaluate = async (expression: string) => (await cdp.send("Runtime.evaluate", { expression, objectGroup: group })).result;
  return {
    async live(constructor, filter = "() => true") {
      await cdp.send("HeapProfiler.collectGarbage");
      try {
        const prototype = await evaluate(`${constructor}.prototype`);
        const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: prototype.objectId!, objectGroup: group });
        const { result } = await cdp.send("Runtime.callFunctionOn", {
          objectId: objects.objectId!,
          functionDeclaration: `function () { return this.filter(${filter}).length; }`,
          returnByValue: true,
          objectGroup: group,
        });
        return result.value as number;
      } finally {
        await cdp.send("Runtime.releaseObjectGroup", { objectGroup: group });
      }
    },
    async windowListeners() {
      try {
        const window = await evaluate("window");
        const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: window.objectId! });
        return listeners.map((listener) => listener.type);
      } finally {
        await cdp.send("Runtime.releaseObjectGroup", { objectGroup: group });
      }
    },
    async heapUsed() {
      await cdp.send("HeapProfiler.collectGarbage");
      return (await cdp.send("Runtime.getHeapUsage")).usedSize;
    },
  };
}
