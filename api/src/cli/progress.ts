/**
 * Progress on the terminal (stderr): one line rewritten in place on a terminal, or a line every
 * tenth of the way (and at the end) when the output goes to a file or a CI log.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const lastDecile = new Map<string, number>();
  let open = false;
  return {
    update(key: string, text: string, done: number, total: number): void {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        open = true;
        if (total > 0 && done >= total) {
          stream.write("\n");
          open = false;
        }
        return;
      }
      const decile = total > 0 ? Math.floor((10 * done) / total) : 0;
      if (lastDecile.get(key) === decile && !(total > 0 && done >= total && decile !== 10)) return;
      lastDecile.set(key, decile);
      stream.write(`${text}\n`);
    },
    end(): void {
      if (open) stream.write("\n");
      open = false;
    },
  };
}

/** Command-line arguments after pnpm's `--`, and paths relative to where the command was typed. */
export function commandArguments(): string[] {
  const args = process.argv.slice(2);
  return args[0] === "--" ? args.slice(1) : args;
}

export const invocationDirectory = (): string => process.env.INIT_CWD ?? process.cwd();
