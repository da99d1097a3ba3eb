export * from "./client.js";
export * from "./paths.js";
export * as schema from "./schema/index.js";
export * from "./schema/index.js";
export { normalize } from "./text/normalize.js";
export * from "./seed/index.js";
export * from "./reset.js";
export * from "./content/index.js";
export * from "./data-lock.js";
