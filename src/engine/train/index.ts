// Training: `train`, its History, and the hooks the host uses to watch and stop it.
export { train } from "./train";
export { History } from "./history";
export { TrainingError } from "./errors";
export { setTrainingHooks } from "./hooks";
export type { TrainingHooks, ProgressState, LiveRun } from "./hooks";
export type { LiveRecording, LiveViews } from "./live";
export type { HistoryJSON } from "./history";
export type { TrainOptions, LossFunction, OptimizerLike } from "./options";
export type { MetricName } from "./metrics";
export type { RecordOptions, Snapshot, SnapshotJSON, WeightSnapshot, GradientStats, ActivationStats } from "./record";
