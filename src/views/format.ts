export { formatNumber, formatCount } from "../protocol/numbers";
