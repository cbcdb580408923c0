export interface E2ePaths {
  /** The code-server launcher in the cache folder. */
  codeServer: string;
  /** Debian's Chromium. */
  chromium: string;
}

export const CODE_SERVER_VERSION: string;
export const DEBIAN_PACKAGES: readonly string[];
export const CHROMIUM_PATH: string;

export function cacheRoot(): string;
export function codeServerPrefix(): string;
export function isCodeServerInstalled(): boolean;
/** Paths of an existing install; throws when setup has not run. */
export function e2ePaths(): E2ePaths;
export function ensureDebianPackages(): void;
export function ensureCodeServer(): string;
/** Installs whatever is missing and returns the paths. */
export function setupE2e(): E2ePaths;
