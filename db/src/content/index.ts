export * from "./schema.js";
export * from "./load.js";
export * from "./contacts.js";
export * from "./ui-strings.js";
export * from "./search-vocabulary.js";
