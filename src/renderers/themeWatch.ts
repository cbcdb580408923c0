const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

/**
 * Calls `listener` when the editor's theme may have changed, until the function returned is called. VS Code
 * does not draw outputs again on a theme switch: it sets the theme kind and classes on the body and the
 * `--vscode-*` variables on the root element's style. One observer serves every view, and stops with the last.
 */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  observer ??= watch();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    observer?.disconnect();
    observer = undefined;
  };
}

function watch(): MutationObserver {
  // A copy: a listener may stop listening while the others are called.
  const watcher = new MutationObserver(() => [...listeners].forEach((listener) => listener()));
  watcher.observe(document.body, { attributes: true, attributeFilter: ["class", "style", "data-vscode-theme-kind"] });
  watcher.observe(document.documentElement, { attributes: true, attributeFilter: ["class", "style"] });
  return watcher;
}
