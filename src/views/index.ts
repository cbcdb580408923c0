export { show } from "./show";
export { setDisplaySink, type DisplayFn } from "./displaySink";
export { displayItems } from "./valueDisplay";
export { formatNumber } from "./format";
export { liveTraining, drawnLiveIn } from "./live/liveTraining";
