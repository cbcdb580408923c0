// One check for every options object, the engine's (data.csv) and the views' alike.
export { checkOptions, describe, type OptionKind } from "../../engine/options";
