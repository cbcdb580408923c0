// One helper for every "did you mean" in the engine's and the views' messages.
export { closestName } from "../engine/closestName";
