/**
 * Throws unless the chain rule written out and autograd give the same numbers: the view shows autograd's,
 * and says the formula beside them produced them, which must then be true (float32 rounding allowed).
 */
export function agree(what: string, byHand: ArrayLike<number>, byAutograd: ArrayLike<number>): void {
  let scale = 0;
  for (let i = 0; i < byAutograd.length; i++) scale = Math.max(scale, Math.abs(byAutograd[i]));
  for (let i = 0; i < byAutograd.length; i++) {
    if (byHand.length !== byAutograd.length || !(Math.abs(byHand[i] - byAutograd[i]) <= 1e-4 * Math.max(scale, 1e-6) + 1e-7)) {
      throw new Error(`show.backprop: the chain rule and autograd disagree on ${what} (${byHand[i]} by hand, ${byAutograd[i]} by autograd)`);
    }
  }
}
