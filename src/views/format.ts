export { formatNumber } from "../protocol/numbers";
