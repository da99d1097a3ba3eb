// Preloaded (NODE_OPTIONS=--import) into the portal build the publish worker starts: on exit,
// the build process writes its peak resident memory (KiB) where the bench server reads it.
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file && /[\\/]portal[\\/]scripts[\\/]build\.mjs$/.test(process.argv[1] ?? "")) {
  process.on("exit", () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // The figure is missing; the build is not affected.
    }
  });
}
