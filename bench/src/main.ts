import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeMachine, loadAverage } from "./machine.js";
import { connectPostgres, type PostgresServer, postgresServerUrl } from "./postgres.js";
import { markdownReport } from "./report/markdown.js";
import { type BenchResults, type Driver, missingFigures, type ScenarioResult } from "./results.js";
import { measureRelevance, type RelevanceFigures } from "./measure/relevance.js";
import { runScenario } from "./scenario.js";
import { runSearchScenario, type SearchScenarioResult } from "./search-scenario.js";

const USAGE = `pnpm bench [--quick] [options]

  (no option)        full run (about 20 min on 2 cores): 500, 1,000 and 2,000 services on PGlite
                     and PostgreSQL, 1, 8 and 32 connections, 3 s per load run after 1 s of
                     warm-up; updates docs/benchmarks.{json,md}
  --quick            CI: 20 services, 8 connections, 1 s per run, no warm-up (about 30 s a driver);
                     writes bench/results/ only
  Every run also times search with 1 connection, uncached (6 s; 1 s with --quick), and runs the
  relevance set (tests/search/relevance/) once on PGlite with the shipped content.
  --sizes 500,2000   published services per run
  --drivers pglite,postgres
  --connections 1,8,32
  --duration 3       seconds per load run
  --seed start       the synthetic data's seed
  --postgres <url>   the PostgreSQL server (default: BENCH_POSTGRES_URL, DATABASE_URL's server,
                     else postgres://postgres@127.0.0.1:5432/postgres); a database of its own is
                     created for each run and dropped afterwards
  --require-postgres fail when PostgreSQL cannot be reached (default: skip it with a warning)
  --no-relevance     skip the relevance set
  --only search      the API's search alone (no load runs, no portal build, no relevance set): the
                     first search per locale, the 1-connection uncached run (--duration seconds,
                     default 6) and the first search per locale after a publish; writes
                     bench/results/ only
  --docs / --no-docs write (or not) docs/benchmarks.{json,md}
  --check <file>     check that a results file has every figure, and exit`;

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const resultsDir = path.join(repositoryRoot, "bench", "results");
const docsDir = path.join(repositoryRoot, "docs");

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--")),
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    drivers: { type: "string" },
    connections: { type: "string" },
    duration: { type: "string" },
    seed: { type: "string", default: "start" },
    postgres: { type: "string" },
    "require-postgres": { type: "boolean", default: false },
    docs: { type: "boolean" },
    "no-docs": { type: "boolean" },
    "no-relevance": { type: "boolean", default: false },
    check: { type: "string" },
    only: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function list(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined) return fallback;
  const numbers = value.split(",").map((item) => Number(item.trim()));
  if (numbers.some((item) => !Number.isInteger(item) || item < 1)) {
    console.error(`not a list of whole numbers: ${value}\n\n${USAGE}`);
    process.exit(2);
  }
  return numbers;
}

if (values.check) {
  const results = JSON.parse(readFileSync(values.check, "utf8")) as BenchResults;
  const missing = missingFigures(results);
  if (missing.length) {
    console.error(`${values.check} lacks ${missing.length} figure${missing.length === 1 ? "" : "s"}:\n  ${missing.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`${values.check}: every figure is there (${results.scenarios.length} runs: ${results.settings.drivers.join(", ")}; sizes ${results.settings.sizes.join(", ")})`);
  process.exit(0);
}

if (values.only !== undefined && values.only !== "search") {
  console.error(`--only takes search\n\n${USAGE}`);
  process.exit(2);
}

const custom = values.sizes || values.connections || values.duration || values.drivers;
const mode: BenchResults["mode"] = values.quick ? "quick" : custom ? "custom" : "full";
// 1,000 services because two targets name that size; 2,000 builds about 8,400 pages, near the
// ~9,000-page build target. 5,000 (about 21,000 pages) fits a custom run: `--sizes 5000`.
const sizes = list(values.sizes, values.quick ? [20] : [500, 1000, 2000]);
const connections = list(values.connections, values.quick ? [8] : [1, 8, 32]);
const durationS = list(values.duration, [values.quick ? 1 : 3])[0]!;
const searchSequentialS = values.quick ? 1 : 6;
const writeDocs = values["no-docs"] ? false : (values.docs ?? mode === "full");
let drivers = (values.drivers ?? "pglite,postgres").split(",").map((driver) => driver.trim()) as Driver[];
if (drivers.some((driver) => driver !== "pglite" && driver !== "postgres")) {
  console.error(`--drivers takes pglite and/or postgres\n\n${USAGE}`);
  process.exit(2);
}

const skipped: Record<string, string> = {};
let postgres: PostgresServer | null = null;
if (drivers.includes("postgres")) {
  const adminUrl = postgresServerUrl(values.postgres);
  const connected = await connectPostgres(adminUrl);
  if ("server" in connected) postgres = connected.server;
  else if (values["require-postgres"] || values.drivers?.includes("postgres")) {
    console.error(`PostgreSQL at ${adminUrl.replace(/:[^:@/]*@/, ":***@")} cannot be reached: ${connected.error}`);
    process.exit(1);
  } else {
    skipped.postgres = `not reachable at ${adminUrl.replace(/:[^:@/]*@/, ":***@")}: ${connected.error}`;
    console.warn(`PostgreSQL skipped: ${skipped.postgres}`);
    drivers = drivers.filter((driver) => driver !== "postgres");
  }
}

const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10);
const startedAt = new Date();
const loadBefore = loadAverage();
console.log(
  `START benchmark (${mode}): ${drivers.join(" and ")}, ${sizes.map((size) => size.toLocaleString("en")).join(" / ")} services, ` +
    `${connections.join("/")} connections × ${durationS} s; load average ${loadBefore.join(" ")}`,
);
if (loadBefore[0] > 1.5 && mode !== "quick") console.warn("the machine is busy (load average above 1.5): figures will be slower than on an idle machine");

if (values.only === "search") {
  const durationS = list(values.duration, [values.quick ? 1 : 6])[0]!;
  const runs: SearchScenarioResult[] = [];
  for (const driver of drivers) {
    for (const size of sizes) {
      const label = `[search ${driver} ${size.toLocaleString("en")}]`;
      runs.push(
        await runSearchScenario({ driver, size, seed: values.seed!, warmupS: values.quick ? 0 : 1, durationS, postgres, log: (line) => console.log(`${label} ${line}`) }),
      );
    }
  }
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}-search.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt: startedAt.toISOString(), machine: describeMachine(postgres?.version ?? null), loadAverage: { before: loadBefore, after: loadAverage() }, runs }, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), file)}`);
  process.exit(0);
}

const scenarios: ScenarioResult[] = [];
let failed: Error | null = null;
for (const driver of drivers) {
  for (const size of sizes) {
    const label = `[${driver} ${size.toLocaleString("en")}]`;
    console.log(`\n${label}`);
    try {
      scenarios.push(
        await runScenario({
          driver,
          size,
          seed: values.seed!,
          connections,
          durationS,
          warmupS: values.quick ? 0 : 1,
          searchRepeat: values.quick ? 3 : 20,
          searchSequentialS,
          postgres,
          log: (line) => console.log(`${label} ${line}`),
        }),
      );
    } catch (error) {
      failed = error as Error;
      console.error(`${label} failed: ${(error as Error).stack ?? error}`);
      break;
    }
  }
  if (failed) break;
}

// The relevance set: about the shipped content, not the generated data, so once per run.
let relevance: RelevanceFigures | null = null;
if (values["no-relevance"]) skipped.relevance = "--no-relevance";
else if (!failed) {
  console.log("\n[relevance]");
  try {
    relevance = await measureRelevance((line) => console.log(`[relevance] ${line}`));
  } catch (error) {
    failed = error as Error;
    console.error(`[relevance] failed: ${(error as Error).stack ?? error}`);
  }
}

const results: BenchResults = {
  version: 1,
  mode,
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: describeMachine(postgres?.version ?? null),
  settings: { sizes, drivers, connections, durationS, searchSequentialS, seed: values.seed!, postgresPoolSize: poolSize, skipped },
  loadAverage: { before: loadBefore, after: loadAverage() },
  scenarios,
  relevance,
};

mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, "-")}-${mode}.json`);
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
const report = markdownReport(results, existsSync(path.join(docsDir, "benchmarks.md")) ? readFileSync(path.join(docsDir, "benchmarks.md"), "utf8") : null);
console.log(`\n${report.tables}`);
console.log(`results: ${path.relative(process.cwd(), resultsFile)}`);
if (writeDocs && !failed) {
  mkdirSync(docsDir, { recursive: true });
  copyFileSync(resultsFile, path.join(docsDir, "benchmarks.json"));
  writeFileSync(path.join(docsDir, "benchmarks.md"), report.document);
  console.log("updated docs/benchmarks.json and docs/benchmarks.md");
}
const missing = missingFigures(results);
if (failed || missing.length) {
  if (missing.length) console.error(`missing figures:\n  ${missing.join("\n  ")}`);
  process.exit(1);
}
