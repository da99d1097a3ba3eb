export * from "./analysis.js";
export * from "./documents.js";
export * from "./engine.js";
