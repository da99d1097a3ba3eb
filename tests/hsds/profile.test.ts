import { describe, expect, it } from "vitest";
import { AUDIENCES, ORGANIZATION_KINDS, PHONE_TYPES, PLACE_KINDS, SERVICE_COSTS } from "@start/db";
import { hsds } from "@start/api";

describe("START's HSDS profile", () => {
  const patches = hsds.profilePatches();

  it("patches the HSDS schemas START changes, and adds places", () => {
    expect(Object.keys(patches).sort()).toEqual(["location", "organization", "phone", "place", "schedule", "service", "taxonomy_term"]);
    // Merge patches only add: no HSDS field is removed (a null in a merge patch would).
    expect(JSON.stringify(patches)).not.toContain(":null");
  });

  it("lists the same values as START's database", () => {
    expect(patches.service!.properties.audiences.items.enum).toEqual([...AUDIENCES]);
    expect(patches.service!.properties.cost.enum).toEqual([...SERVICE_COSTS]);
    expect(patches.organization!.properties.kind.enum).toEqual([...ORGANIZATION_KINDS]);
    expect(patches.phone!.properties.channel.enum).toEqual([...PHONE_TYPES]);
    expect(patches.place!.properties.kind.enum).toEqual([...PLACE_KINDS]);
  });

  it("makes valid schemas of every table of the tabular package, profile included", () => {
    const ajv = hsds.createAjv();
    for (const table of hsds.tables().values()) {
      expect(() => ajv.compile({ ...table.schema, properties: Object.fromEntries(Object.entries(table.schema.properties).filter(([, p]: [string, any]) => p.type !== "array" || p.items?.type)) }), table.name).not.toThrow();
      expect(table.path, table.name).toMatch(/\.csv$/);
    }
    expect(hsds.tables().get("service")!.columns).toEqual(expect.arrayContaining(["slug", "cost", "audiences", "verified_at", "sources"]));
    expect(hsds.tables().get("service")!.translated.map((entry) => entry.field)).toContain("required_documents");
  });

  it("documents itself", async () => {
    const { readFile } = await import("node:fs/promises");
    const readme = await readFile(`${hsds.PROFILE_FOLDER}/README.md`, "utf8");
    for (const field of ["translations", "audiences", "verified_at", "sample", "address_withheld", "group_id", "place_id", "channel"]) expect(readme).toContain(`\`${field}\``);
    expect(readme).toContain("What START fills, and what it leaves empty");
  });

  it("has every message in Arabic, English and French", () => {
    for (const key of hsds.HSDS_MESSAGE_KEYS) {
      const texts = ["ar", "en", "fr"].map((locale) => hsds.hsdsMessage(locale, key));
      texts.forEach((text) => expect(text.trim(), key).not.toBe(""));
      // The Arabic is Arabic (technical codes aside).
      if (!/^(type|format)\.|^expected(Boolean|Format)$|^at(Line|Pointer)?$/.test(key)) expect(texts[0], key).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
