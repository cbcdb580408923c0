// Imported first by walkArrays.test.ts: from here on, arrays that a backward walk gives back for
// reuse are filled with NaN, so a gradient or value that still used one would show it.
import { setReusePoison } from "../../../src/engine/storage";

setReusePoison(true);
