import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApiSchema, printApiSchema } from "../graphql/schema.js";

/** Writes api/schema.graphql from the code (`pnpm --filter @start/api schema`); a test checks they agree. */
export const schemaFile = fileURLToPath(new URL("../../schema.graphql", import.meta.url));

const schema = await buildApiSchema();
writeFileSync(schemaFile, printApiSchema(schema));
console.log(`wrote ${schemaFile}`);
