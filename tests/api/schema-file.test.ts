import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildApiSchema, printApiSchema } from "@start/api";
import { describe, expect, it } from "vitest";

const SCHEMA_FILE = fileURLToPath(new URL("../../api/schema.graphql", import.meta.url));

describe("api/schema.graphql", () => {
  it("is the schema the code builds (after a change: pnpm --filter @start/api schema, then commit the file)", async () => {
    const printed = printApiSchema(await buildApiSchema());
    expect(printed, "api/schema.graphql is out of date: run `pnpm --filter @start/api schema` and commit it").toBe(
      readFileSync(SCHEMA_FILE, "utf8"),
    );
  });
});
