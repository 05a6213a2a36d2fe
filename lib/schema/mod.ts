export * from "./ocr_page.ts";
export * from "./schedule.ts";
export * from "./corpus.ts";
export * from "./apply_report.ts";
export * from "./session_output.ts";
