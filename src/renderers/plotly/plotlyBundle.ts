// The partial plotly bundle (cartesian traces only), built as a module of its own so that only
// the views that draw charts load it.
// @ts-expect-error the dist bundle ships no types; the API types come from @types/plotly.js.
import Plotly from "plotly.js-cartesian-dist-min";
export default Plotly;
