import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { once } from "node:events";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { services, serviceTranslations } from "@start/db";
import { hsds } from "@start/api";
import { createTestDatabase, type TestDatabase, testDriver } from "../support/database.js";
import { Fixtures } from "../support/fixtures.js";
import { WHOLE_DATASET } from "../support/budgets.js";

/** A full garbage collection, so that the heap measured is what is still in use. */
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

const ROWS = 10_000;
const ORG = "7f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b";
const serviceId = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** A long cell in a column START does not keep: the file is big, the database's work stays small. */
const NOTE = "Interpretation is available on request in Arabic, English, French, Hausa and Tigrinya. ".repeat(14);

describe(`a 10,000-row CSV import (${testDriver})`, () => {
  let database: TestDatabase;
  let work: string;
  let fileSize = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    await new Fixtures(database.db).locales();
    work = await mkdtemp(path.join(tmpdir(), "start-hsds-large-"));
    await writeFile(path.join(work, "organizations.csv"), `id,name,description,kind\n${ORG},Large NGO,Thousands of listings,national_ngo\n`);
    const file = createWriteStream(path.join(work, "services.csv"));
    file.write("id,organization_id,name,description,status,email,interpretation_services\n");
    for (let n = 0; n < ROWS; n++) {
      const row = `${serviceId(n)},${ORG},خدمة رقم ${n},"مساعدة ودعم للمهاجرين، الخدمة ${n}.",active,service${n}@example.org,"${NOTE}"\n`;
      if (!file.write(row)) await once(file, "drain");
    }
    file.end();
    await once(file, "close");
    fileSize = (await stat(path.join(work, "services.csv"))).size;
  });
  afterAll(async () => {
    await database?.dispose();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("reads the file as a stream: the first record comes before the file has been read", WHOLE_DATASET, async () => {
    let bytesRead = 0;
    const reader = hsds.readCsv(path.join(work, "services.csv"), (bytes) => (bytesRead += bytes));
    const first = await reader.next();
    expect(first.value?.line).toBe(2);
    expect(bytesRead).toBeLessThan(512 * 1024);
    expect(fileSize).toBeGreaterThan(10_000_000);
    await reader.return(undefined);
  });

  it("reads JSON as a stream too: the first record of a large list comes before the file has been read", WHOLE_DATASET, async () => {
    await mkdir(path.join(work, "json"));
    const file = path.join(work, "json", "services.json");
    const stream = createWriteStream(file);
    stream.write("[");
    for (let n = 0; n < 5_000; n++) {
      const record = { id: serviceId(n), organization_id: ORG, name: `Service ${n}`, status: "active", interpretation_services: NOTE };
      if (!stream.write(`${n ? "," : ""}${JSON.stringify(record)}`)) await once(stream, "drain");
    }
    stream.end("]");
    await once(stream, "close");
    let bytesRead = 0;
    const reader = hsds.readJson(file, (bytes) => (bytesRead += bytes));
    const first = await reader.next();
    expect(first.value).toMatchObject({ pointer: "/0", value: { name: "Service 0" } });
    expect((await stat(file)).size).toBeGreaterThan(5_000_000);
    expect(bytesRead).toBeLessThan(512 * 1024);
    await reader.return(undefined);
  });

  it("imports every row with the live heap bounded (far below what a whole-file load would take)", WHOLE_DATASET, async () => {
    // Warm up (validators compiled, modules loaded) so that the measure is about the data.
    await hsds.importHsds(database.db, { source: path.join(work, "organizations.csv"), dryRun: true });
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let samples = 0;
    const reads: number[] = [];
    const report = await hsds.importHsds(database.db, {
      source: work, // the CSV package (the JSON file is in a folder of its own)
      publish: true,
      onProgress: (event) => {
        if (event.phase === "read") reads.push(event.records);
        const done = event.phase === "read" ? event.records : event.done;
        if (done % 1000 === 0) {
          collectGarbage();
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
          samples++;
        }
      },
    });
    expect(report.errors).toEqual([]);
    expect(report.counts.service).toEqual({ created: ROWS, changed: 0, unchanged: 0 });
    const [{ n }] = (await database.db.select({ n: count() }).from(services)) as [{ n: number }];
    expect(Number(n)).toBe(ROWS);
    const [last] = await database.db.select().from(serviceTranslations).where(eq(serviceTranslations.serviceId, serviceId(ROWS - 1)));
    expect(last).toMatchObject({ locale: "ar", name: `خدمة رقم ${ROWS - 1}` });
    // Progress was reported along the way, not only at the end.
    expect(reads.filter((records) => records > 0 && records < ROWS).length).toBeGreaterThan(5);
    expect(samples).toBeGreaterThan(15);
    // Holding the file as one string takes its size (one byte per ASCII character), and its
    // parsed rows as much again: a whole-file load would pass this bound twice over.
    console.info(`10,000-row CSV: ${(fileSize / 1e6).toFixed(1)} MB file, live heap growth at most ${(peak / 1e6).toFixed(1)} MB`);
    expect(peak).toBeLessThan(fileSize / 2);
  });
});
