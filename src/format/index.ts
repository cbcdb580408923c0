export * from "./nnbookFile";
export * from "./formatError";
export { parseNnbook } from "./parseNnbook";
export { serializeNnbook } from "./serializeNnbook";
export { LAYOUT_METADATA_KEY, metadataWithLayout, splitLayout, type TextLayout } from "./textLayout";
export { courseLessons, readLesson, LESSON_FILE, type CourseLesson } from "./courseLessons";
