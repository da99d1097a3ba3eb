/**
 * Runs `stop` once on SIGINT or SIGTERM, then exits with its outcome. A second signal while
 * stopping says what is being waited for; a third forces the exit. Signals less than a second
 * apart count once (a Ctrl-C reaches both pnpm, which passes it on, and this process).
 */
export function stopOnSignals(stop: (signal: string) => Promise<void>, write: (text: string) => void = (text) => process.stderr.write(text)): void {
  let received = 0;
  let last = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (Date.now() - last < 1_000) return;
    last = Date.now();
    received += 1;
    if (received === 1) {
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          write(`START did not stop cleanly: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
    } else if (received === 2) {
      write("START is stopping: finishing requests in flight and closing the database (press Ctrl-C again to force, at the risk of the database)\n");
    } else {
      write("forced stop\n");
      process.exit(130);
    }
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
