/**
 * Node's `util.inspect` (node-inspect-extracted) names `URL` to recognise URL objects and to turn
 * file paths in stack traces into links; the cells' realm has no `URL`. The build gives it this
 * stand-in, which makes `file:` links and matches no object a cell makes.
 */
export class URL {
  href: string;
  constructor(base: string) {
    this.href = String(base);
  }
  set pathname(path: string) {
    this.href = this.href.replace(/\/*$/, "") + path;
  }
}
