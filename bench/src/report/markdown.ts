import type { LoadFigures } from "../measure/load.js";
import { type BenchResults, type Driver, QUERY_NAMES, type ScenarioResult } from "../results.js";

/**
 * The results as Markdown: the setup, one table per concern with a column per size and how the
 * figure grew from the smallest size to the largest, and where START stands against the issue's
 * targets. `document` keeps the hand-written notes of the previous docs/benchmarks.md (between
 * the notes markers).
 */
const NOTES_START = "<!-- notes:start (kept when the bench rewrites this file) -->";
const NOTES_END = "<!-- notes:end -->";

const QUERY_LABELS: Record<string, string> = {
  directory: "directory page (as served)",
  directoryUncached: "directory page, computed (no-cache)",
  service: "service page",
  filtered: "filtered (category + place + open now)",
  search: "search (24 queries, ar/en/fr), as served",
  searchUncached: "search, computed (no-cache)",
  floor: "hand-written SQL floor",
};

const DRIVER_LABELS: Record<Driver, string> = { pglite: "PGlite", postgres: "PostgreSQL" };

const number = (value: number, digits = 0) => value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = (value: number) => (value >= 100 ? number(value) : value >= 10 ? number(value, 1) : number(value, 2));
const kb = (bytes: number) => `${number(bytes / 1024, 1)} KB`;
const seconds = (milliseconds: number) => `${number(milliseconds / 1000, 1)} s`;

function growth(first: number | null | undefined, last: number | null | undefined): string {
  if (!first || !last) return "–";
  return `×${number(last / first, last / first >= 10 ? 0 : 1)}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, index) => (index === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export function markdownReport(results: BenchResults, previous: string | null): { tables: string; document: string } {
  const { settings } = results;
  const sizes = [...settings.sizes].sort((a, b) => a - b);
  const drivers = settings.drivers;
  const scenario = (driver: Driver, size: number) => results.scenarios.find((entry) => entry.driver === driver && entry.size === size);
  const smallest = sizes[0]!;
  const largest = sizes[sizes.length - 1]!;
  const sizeHeader = sizes.map((size) => `${number(size)} services`);
  const growthHeader = sizes.length > 1 ? [`growth ${number(smallest)} → ${number(largest)} (×${number(largest / smallest)} data)`] : [];
  const withGrowth = (values: (number | null | undefined)[], format: (value: number) => string) => [
    ...values.map((value) => (value === null || value === undefined ? "–" : format(value))),
    ...(sizes.length > 1 ? [growth(values[0], values[values.length - 1])] : []),
  ];
  const any = (size: number) => drivers.map((driver) => scenario(driver, size)).find(Boolean);
  const sections: string[] = [];

  // ——— data
  sections.push(
    "## The data\n\nSynthetic, from `bench/src/generate/` (seed `" +
      settings.seed +
      "`): the real places and categories of `content/`, texts in Arabic, English and French (most records in all three, some only in two or in Arabic), every record marked as a sample.\n\n" +
      table(
        ["records", ...sizeHeader],
        ["organizations", "locations", "services", "servicesAtLocations", "phones", "schedules", "vacancies", "rightsArticles"].map((key) => [
          key.replace(/([A-Z])/g, " $1").toLowerCase(),
          ...sizes.map((size) => (any(size) ? number(any(size)!.generated.counts[key] ?? 0) : "–")),
        ]).concat(
          drivers.map((driver) => [
            `generation time (${DRIVER_LABELS[driver]})`,
            ...sizes.map((size) => (scenario(driver, size) ? seconds(scenario(driver, size)!.generated.durationMs) : "–")),
          ]),
        ),
      ),
  );

  // ——— API
  for (const driver of drivers) {
    const rows: string[][] = [];
    for (const query of QUERY_NAMES) {
      for (const connections of settings.connections) {
        const runs = sizes.map((size) => scenario(driver, size)?.api.load[query]?.find((run) => run.connections === connections));
        const cell = (run: LoadFigures | undefined) => (run ? `${number(run.requestsPerSecond)} req/s · ${ms(run.p50Ms)} / ${ms(run.p99Ms)} ms` : "–");
        rows.push([
          `${QUERY_LABELS[query]}, ${connections} conn.`,
          ...runs.map(cell),
          ...(sizes.length > 1 ? [`p99 ${growth(runs[0]?.p99Ms, runs.at(-1)?.p99Ms)}, req/s ${growth(runs[0]?.requestsPerSecond, runs.at(-1)?.requestsPerSecond)}`] : []),
        ]);
      }
    }
    sections.push(
      `## API on ${DRIVER_LABELS[driver]}\n\nOver HTTP with autocannon, ${settings.durationS} s per run after a warm-up; each cell: requests per second · p50 / p99 latency. ` +
        "As START serves it: anonymous answers are kept a few seconds (`api/src/server/response-cache.ts`; every mutation empties the cache), so a load of repeated reads is mostly answered from memory; " +
        "the computed directory page and computed search send `Cache-Control: no-cache`, so every answer runs the resolvers (and SQL, or the in-memory search index). " +
        `POST /graphql, locale ar, 20 services a page${driver === "postgres" ? `, ${settings.postgresPoolSize} pooled connections` : ""}.\n\n` +
        table(["query", ...sizeHeader, ...growthHeader], rows),
    );
  }

  // ——— search on the API
  const searchRows: string[][] = [];
  for (const driver of drivers) {
    const runs = sizes.map((size) => scenario(driver, size)?.api.searchSequential);
    searchRows.push([
      `search p95, 1 connection, uncached (${DRIVER_LABELS[driver]})`,
      ...withGrowth(
        runs.map((run) => run?.p95Ms),
        (value) => `${ms(value)} ms`,
      ),
    ]);
    searchRows.push([
      `  p50 / p99 / max, requests (${DRIVER_LABELS[driver]})`,
      ...runs.map((run) => (run ? `${ms(run.p50Ms)} / ${ms(run.p99Ms)} / ${ms(run.maxMs)} ms, ${number(run.requests)}` : "–")),
      ...(sizes.length > 1 ? [""] : []),
    ]);
    searchRows.push([
      `  API process CPU per search, mean (${DRIVER_LABELS[driver]})`,
      ...withGrowth(
        runs.map((run) => run?.serverCpuMs),
        (value) => `${ms(value)} ms`,
      ),
    ]);
    searchRows.push([
      `first search after the data changed, ar / en / fr (${DRIVER_LABELS[driver]})`,
      ...sizes.map((size) => {
        const first = scenario(driver, size)?.api.searchFirstMs;
        return first ? `${ms(first.ar)} / ${ms(first.en)} / ${ms(first.fr)} ms` : "–";
      }),
      ...(sizes.length > 1 ? [growth(scenario(driver, smallest)?.api.searchFirstMs.ar, scenario(driver, largest)?.api.searchFirstMs.ar)] : []),
    ]);
  }
  sections.push(
    "## Search on the API\n\n" +
      "The API answers `search` from an index per locale kept in memory (`@start/db/search`, on MiniSearch), built from the published records on the first search after a change and reused until the next one. " +
      "Measured as one client sees it: one kept-alive connection, `Cache-Control: no-cache` (every answer computed), the 24 fixed queries (8 per language, hits and facets) in turn, each timed on its own" +
      `${results.mode === "quick" ? "" : " after a warm-up of the same"}, for ${settings.searchSequentialS} s. ` +
      "The first search in each locale after the data was written (ar first: it also reads the records) is timed apart: it builds that locale's index. " +
      `The API process's CPU time per search hardly depends on what else runs on the machine, where latency does${drivers.includes("postgres") ? " (on PostgreSQL it leaves out the database server's own work)" : ""}.\n\n` +
      table(["figure", ...sizeHeader, ...growthHeader], searchRows),
  );

  // ——— floor and statements
  const floorRows: string[][] = [];
  for (const driver of drivers) {
    for (const connections of settings.connections) {
      floorRows.push([
        `${DRIVER_LABELS[driver]}, ${connections} conn.`,
        ...sizes.map((size) => {
          const ratio = scenario(driver, size)?.api.floorRatio.find((entry) => entry.connections === connections);
          return ratio ? `×${number(ratio.p50, 1)} / ×${number(ratio.p99, 1)}` : "–";
        }),
      ]);
    }
  }
  sections.push(
    "## The directory page against its floor\n\nThe floor is the same answer (checked equal before timing) built by one hand-written SQL statement (`bench/src/server/floor.ts`) through the same driver, behind a bare `node:http` server. Each cell: latency of the computed API answer (no-cache) ÷ floor latency, at p50 / p99.\n\n" +
      table(["database", ...sizeHeader], floorRows),
  );
  const statementRows: string[][] = [];
  const statementLabels: Record<string, string> = {
    directory5: "directory page of 5",
    directory: "directory page of 20",
    directory100: "directory page of 100",
    service: "service page",
    filtered: "filtered page",
    search: "search",
  };
  for (const driver of drivers) {
    for (const [key, label] of Object.entries(statementLabels)) {
      statementRows.push([
        `${label} (${DRIVER_LABELS[driver]})`,
        ...sizes.map((size) => String(scenario(driver, size)?.api.statements[key as keyof ScenarioResult["api"]["statements"]] ?? "–")),
      ]);
    }
  }
  sections.push("## SQL statements per request\n\n" + table(["request", ...sizeHeader], statementRows));

  // ——— portal
  const portalRows: string[][] = [];
  for (const driver of drivers) {
    portalRows.push([`build time (${DRIVER_LABELS[driver]})`, ...withGrowth(sizes.map((size) => scenario(driver, size)?.build.durationMs), seconds)]);
    portalRows.push([
      `build peak memory (${DRIVER_LABELS[driver]})`,
      ...withGrowth(sizes.map((size) => scenario(driver, size)?.build.peakRssMiB), (value) => `${number(value)} MiB`),
    ]);
  }
  portalRows.push(["pages built", ...withGrowth(sizes.map((size) => any(size)?.build.pages), (value) => number(value))]);
  for (const page of ["home", "listing", "service", "vacancy"] as const) {
    portalRows.push([
      `${page} page (${any(smallest)?.pages[page].path.replace(/\/[^/]+$/, page === "listing" || page === "service" || page === "vacancy" ? "/…" : "") ?? ""}), HTML gzipped`,
      ...withGrowth(sizes.map((size) => any(size)?.pages[page].htmlGzipBytes), kb),
    ]);
    portalRows.push([
      `${page} page with its CSS and scripts, gzipped`,
      ...withGrowth(sizes.map((size) => any(size)?.pages[page].totalGzipBytes), kb),
    ]);
  }
  portalRows.push(["scripts on the service page", ...sizes.map((size) => String(any(size)?.pages.service.scripts ?? "–")), ...(sizes.length > 1 ? [""] : [])]);
  for (const locale of ["ar", "en", "fr"]) {
    const index = (size: number) => any(size)?.searchIndex.find((entry) => entry.locale === locale);
    portalRows.push([
      `search index ${locale}, first search / all chunks, gzipped`,
      ...sizes.map((size) => (index(size) ? `${kb(index(size)!.firstSearchGzipBytes)} / ${kb(index(size)!.gzipBytes)}` : "–")),
      ...(sizes.length > 1 ? [`${growth(index(smallest)?.firstSearchGzipBytes, index(largest)?.firstSearchGzipBytes)} / ${growth(index(smallest)?.gzipBytes, index(largest)?.gzipBytes)}`] : []),
    ]);
    portalRows.push([
      `search index ${locale}, manifest gzipped; chunks; all raw`,
      ...sizes.map((size) => (index(size) ? `${kb(index(size)!.manifestGzipBytes)}; ${index(size)!.chunks}; ${kb(index(size)!.bytes)}` : "–")),
      ...(sizes.length > 1 ? [growth(index(smallest)?.bytes, index(largest)?.bytes)] : []),
    ]);
    portalRows.push([
      `search index ${locale}, load: manifest + all chunks`,
      ...sizes.map((size) => (index(size) ? `${ms(index(size)!.loadMs)} + ${ms(index(size)!.chunksLoadMs)} ms` : "–")),
      ...(sizes.length > 1 ? [growth(index(smallest) && index(smallest)!.loadMs + index(smallest)!.chunksLoadMs, index(largest) && index(largest)!.loadMs + index(largest)!.chunksLoadMs)] : []),
    ]);
    portalRows.push([
      `search query ${locale} (8 queries), median / p95`,
      ...sizes.map((size) => (index(size) ? `${ms(index(size)!.queryMedianMs)} / ${ms(index(size)!.queryP95Ms)} ms` : "–")),
      ...(sizes.length > 1 ? [`median ${growth(index(smallest)?.queryMedianMs, index(largest)?.queryMedianMs)}`] : []),
    ]);
  }
  sections.push(
    "## Portal\n\nThe full build by the publish worker (`portal/scripts/build.mjs` from the API, niceness 10), its peak resident memory, and the built files. The listing is the category page of the filtered query's category. Pages in Arabic. " +
      "Each locale's search index is a manifest (documents, vocabulary, statistics) and term chunks by first character: a first search downloads the manifest and the chunks its words need (the largest over the 8 fixed queries of the language), the rest follows in the background; " +
      "load is parsing the manifest into the engine the search page runs (`@start/db/search`), then parsing and adding every chunk; queries run on the complete index.\n\n" +
      table(["figure", ...sizeHeader, ...growthHeader], portalRows),
  );

  // ——— publish
  const publishRows: string[][] = [];
  for (const driver of drivers) {
    publishRows.push([`mutation → page served (${DRIVER_LABELS[driver]})`, ...withGrowth(sizes.map((size) => scenario(driver, size)?.publish.visibleMs), seconds)]);
    publishRows.push([`  of which the build (${DRIVER_LABELS[driver]})`, ...withGrowth(sizes.map((size) => scenario(driver, size)?.publish.buildMs), seconds)]);
  }
  sections.push(
    "## Publish to visible\n\nA service in review is published (`publishService` as an admin); the clock stops when its page answers 200 on the served site (polled every 100 ms). The worker debounces 1.5 s, builds the whole portal, swaps it in.\n\n" +
      table(["figure", ...sizeHeader, ...growthHeader], publishRows),
  );

  // ——— relevance
  if (results.relevance) {
    const relevance = results.relevance;
    sections.push(
      "## Search relevance\n\n" +
        `The relevance set (\`tests/search/relevance/<locale>.yaml\`: what people ask, with the records that must be among the first three results) through the API's \`search\` (first 3), on PGlite with the shipped content, ${relevance.contentDate === relevance.rebasedTo ? `dated ${relevance.contentDate} (the content's own date was the day of the run)` : `its dates moved from ${relevance.contentDate} to ${relevance.rebasedTo}`} as the tests seed it, so that the vacancies it names are open. ` +
        `A query passes when every record it lists is in the first three. Median answer ${ms(relevance.queryMedianMs)} ms, slowest ${ms(relevance.queryMaxMs)} ms (one at a time, no-cache, after a first search per locale that builds its index).\n\n` +
        table(
          ["locale", "queries", "top-3 hit rate", "misses"],
          relevance.locales.map((set) => [
            set.locale,
            number(set.queries),
            `${number(set.rate * 100, 1)} % (${set.hits}/${set.queries})`,
            set.misses.length ? set.misses.map((miss) => `“${miss.q.replace(/\|/g, "\\|")}”`).join(", ") : "none",
          ]),
        ),
    );
  }

  // ——— targets
  const targetRows: string[][] = [];
  const postgresRuns = sizes.map((size) => scenario("postgres", size)).filter(Boolean) as ScenarioResult[];
  const allRuns = results.scenarios;
  const at = (run: ScenarioResult) => `${number(run.size)} (${DRIVER_LABELS[run.driver]})`;
  const maxConnections = Math.max(...settings.connections);
  const directoryP99 = (run: ScenarioResult, query: "directory" | "directoryUncached") =>
    run.api.load[query]?.find((entry) => entry.connections === maxConnections)?.p99Ms;
  const verdict = (met: boolean[]) => (met.every(Boolean) ? "met" : met.some(Boolean) ? "met at some sizes" : "not met");
  if (postgresRuns.length) {
    for (const [query, how] of [
      ["directory", "as served (repeated reads answered by the cache)"],
      ["directoryUncached", "computed every time (no-cache)"],
    ] as const) {
      targetRows.push([
        `directory page ≤ 20 ms p99 at ${maxConnections} connections on PostgreSQL, ${how}`,
        postgresRuns.map((run) => `${number(run.size)}: ${ms(directoryP99(run, query) ?? Number.NaN)} ms`).join(", "),
        verdict(postgresRuns.map((run) => (directoryP99(run, query) ?? Infinity) <= 20)),
      ]);
    }
    targetRows.push([
      `computed directory page ≤ 2× the hand-written SQL floor (PostgreSQL, p50 / p99 at ${maxConnections} connections; judged at every connection count)`,
      postgresRuns
        .map((run) => {
          const ratio = run.api.floorRatio.find((entry) => entry.connections === maxConnections)!;
          return `${number(run.size)}: ×${number(ratio.p50, 1)} / ×${number(ratio.p99, 1)}`;
        })
        .join(", "),
      verdict(postgresRuns.map((run) => run.api.floorRatio.every((entry) => entry.p50 <= 2 && entry.p99 <= 2))),
    ]);
  }
  targetRows.push([
    "bounded statement count whatever the page size",
    allRuns.map((run) => `${at(run)}: ${run.api.statements.directory5}/${run.api.statements.directory}/${run.api.statements.directory100}`).join(", ") + " (pages of 5/20/100)",
    verdict(allRuns.map((run) => run.api.statements.directory5 === run.api.statements.directory100)),
  ]);
  targetRows.push([
    "service page ≤ 20 KB gzipped, no script",
    sizes.map((size) => `${number(size)}: ${kb(any(size)!.pages.service.totalGzipBytes)}, ${any(size)!.pages.service.scripts} script`).join("; "),
    verdict(sizes.map((size) => any(size)!.pages.service.totalGzipBytes <= 20 * 1024 && any(size)!.pages.service.scripts === 0)),
  ]);
  const searchRuns = allRuns.filter((run) => run.size === 2000);
  targetRows.push([
    "API search ≤ 20 ms p95 at 2,000 services on PostgreSQL and on PGlite, one connection, uncached",
    searchRuns.length
      ? searchRuns.map((run) => `${DRIVER_LABELS[run.driver]}: ${ms(run.api.searchSequential.p95Ms)} ms`).join(", ")
      : `not measured (no 2,000-service run${allRuns.length ? `; here: ${allRuns.map((run) => `${at(run)} ${ms(run.api.searchSequential.p95Ms)} ms`).join(", ")}` : ""})`,
    searchRuns.length ? verdict(searchRuns.map((run) => run.api.searchSequential.p95Ms <= 20)) : "–",
  ]);
  const thousand = sizes.includes(1000) ? any(1000) : undefined;
  targetRows.push([
    "a first search downloads ≤ 150 KB gzipped at 1,000 services (the manifest and the chunks it needs, per locale)",
    thousand ? thousand.searchIndex.map((index) => `${index.locale} ${kb(index.firstSearchGzipBytes)}`).join(", ") : "not measured (no 1,000-service run)",
    thousand ? verdict(thousand.searchIndex.map((index) => index.firstSearchGzipBytes <= 150 * 1024)) : "–",
  ]);
  if (results.relevance) {
    targetRows.push([
      "relevance set: the expected records in the top 3 for ≥ 90 % of the queries in every locale (the relevance test's floor)",
      results.relevance.locales.map((set) => `${set.locale} ${number(set.rate * 100, 1)} %`).join(", "),
      verdict(results.relevance.locales.map((set) => set.rate >= 0.9)),
    ]);
  }
  // A target is judged only at the size it names: a build of ~9,000 pages (±15 %), never a smaller one.
  const buildRuns = allRuns.filter((run) => Math.abs(run.build.pages - 9000) <= 1350);
  const largestBuild = [...allRuns].sort((a, b) => b.build.pages - a.build.pages)[0];
  targetRows.push([
    "a ~9,000-page build in ≤ 20 s",
    buildRuns.length
      ? buildRuns.map((run) => `${number(run.build.pages)} pages (${at(run)}): ${seconds(run.build.durationMs)}`).join(", ")
      : `not measured at ~9,000 pages${largestBuild ? ` (the largest build here: ${number(largestBuild.build.pages)} pages in ${seconds(largestBuild.build.durationMs)})` : ""}`,
    buildRuns.length ? verdict(buildRuns.map((run) => run.build.durationMs <= 20_000)) : "–",
  ]);
  const publishRuns = allRuns.filter((run) => run.size === 1000);
  targetRows.push([
    "publish-to-visible ≤ 15 s at 1,000 services",
    publishRuns.length ? publishRuns.map((run) => `${DRIVER_LABELS[run.driver]}: ${seconds(run.publish.visibleMs)}`).join(", ") : "not measured (no 1,000-service run)",
    publishRuns.length ? verdict(publishRuns.map((run) => run.publish.visibleMs <= 15_000)) : "–",
  ]);
  sections.push("## Where START stands against the targets\n\n" + table(["target (2-core machine)", "measured", ""], targetRows));

  const tables = sections.join("\n\n");
  const loads = results.scenarios.map((run) => run.loadAverage.before[0]);
  const header = [
    "# START benchmarks",
    "",
    "How fast START is and how its costs grow with the directory, measured by `pnpm bench` (see [`bench/README.md`](../bench/README.md)). " +
      "This file and `benchmarks.json` are written by the last full run; the notes at the end are kept.",
    "",
    table(
      ["", ""],
      [
        ["date", `${results.startedAt.slice(0, 16).replace("T", " ")} UTC (${results.mode} run, ${Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 60_000)} min)`],
        ["machine", `${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB; ${results.machine.os}`],
        ["software", `Node ${results.machine.node}, PostgreSQL ${results.machine.postgres ?? "not measured"}, PGlite (embedded)`],
        [
          "load average",
          `${results.loadAverage.before.join(" / ")} (1/5/15 min) at the start, ${results.loadAverage.after.join(" / ")} at the end; ` +
            `1-minute load at the start of each run ${loads.length ? `${Math.min(...loads)}–${Math.max(...loads)}` : "–"} (the machine is shared: 2 cores)`,
        ],
        ["sizes", `${sizes.map((size) => number(size)).join(", ")} published services; ${drivers.map((driver) => DRIVER_LABELS[driver]).join(" and ")}`],
        ["load runs", `${settings.connections.join(", ")} connections, ${settings.durationS} s each; search also with 1 connection, uncached, timed request by request`],
        ...(Object.keys(settings.skipped).length ? [["skipped", Object.entries(settings.skipped).map(([what, why]) => `${what}: ${why}`).join("; ")]] : []),
      ],
    ),
  ].join("\n");
  const notes =
    previous && previous.includes(NOTES_START) && previous.includes(NOTES_END)
      ? previous.slice(previous.indexOf(NOTES_START), previous.indexOf(NOTES_END) + NOTES_END.length)
      : `${NOTES_START}\n## Notes\n\n(Hand-written notes: what the figures show, what was changed.)\n${NOTES_END}`;
  return { tables, document: `${header}\n\n${tables}\n\n${notes}\n` };
}
