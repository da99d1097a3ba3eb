import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import path from "node:path";
import { repositoryRoot } from "@start/db";

/** portal/scripts/build.mjs in this checkout. */
export const PORTAL_BUILD_SCRIPT = path.join(repositoryRoot, "portal/scripts/build.mjs");

export interface PortalBuildOptions {
  /** The GraphQL endpoint the build reads. */
  apiUrl: string;
  /** A folder that does not exist yet (the build creates it; it is removed when the build fails). */
  outDir: string;
  /** The public origin (canonical URLs, sitemap, feeds). */
  siteUrl: string;
  buildScript?: string;
  /** Killed after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Aborting stops the build (SIGTERM to its process group, SIGKILL 5 s later). */
  signal?: AbortSignal;
  /** Scheduling priority of the build (default 10: the API stays responsive while it runs). */
  niceness?: number;
  /** Pages written so far, every 2 s while Astro renders them (the script's --progress lines). */
  onProgress?: (pages: number) => void;
}

export interface PortalBuildResult {
  ok: boolean;
  /** True when it was stopped through `signal` (not a failure of the build). */
  cancelled: boolean;
  durationMs: number;
  /** Pages written, from the script's last line. */
  pages: number | null;
  /** Why it failed: the script's one-line reason (and what follows it), or how it ended. */
  error: string | null;
}

const KEEP_OUTPUT = 16_000;

/** Runs the portal build script as a child process in its own process group. */
export function runPortalBuild(options: PortalBuildOptions): Promise<PortalBuildResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 600_000;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        options.buildScript ?? PORTAL_BUILD_SCRIPT,
        ...["--api", options.apiUrl, "--out", options.outDir, "--site", options.siteUrl, "--quiet"],
        ...(options.onProgress ? ["--progress"] : []),
      ],
      // Its own process group: a Ctrl-C on the terminal reaches START, which stops the build itself.
      { cwd: repositoryRoot, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" } },
    );
    try {
      if (child.pid) setPriority(child.pid, options.niceness ?? 10);
    } catch {
      // Not allowed on this system: the build runs at normal priority.
    }
    let stdout = "";
    let stderr = "";
    let line = "";
    child.stdout.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      stdout = (stdout + text).slice(-KEEP_OUTPUT);
      const lines = (line + text).split("\n");
      line = lines.pop() ?? "";
      for (const done of lines) {
        const pages = /^portal build progress: (\d+) pages$/.exec(done)?.[1];
        if (pages) options.onProgress?.(Number(pages));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-KEEP_OUTPUT)));

    let ending: "cancelled" | "timeout" | null = null;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (why: "cancelled" | "timeout") => {
      if (ending || child.exitCode !== null) return;
      ending = why;
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // Already gone.
        }
      };
      kill("SIGTERM");
      killTimer = setTimeout(() => kill("SIGKILL"), 5_000);
    };
    const timeout = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("cancelled");
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    let done = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timeout);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      const durationMs = Math.round(performance.now() - started);
      const pages = Number(/portal built: (\d+) pages/.exec(stdout)?.[1] ?? Number.NaN);
      if (code === 0 && !ending) {
        resolve({ ok: true, cancelled: false, durationMs, pages: Number.isFinite(pages) ? pages : null, error: null });
        return;
      }
      let error: string;
      if (spawnError) error = `the build could not start: ${spawnError.message}`;
      else if (ending === "timeout") error = `the build took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`;
      else if (ending === "cancelled") error = "the build was stopped";
      else {
        const text = stderr.trim() || stdout.trim();
        const reason = text.lastIndexOf("portal build failed:");
        error = (reason >= 0 ? text.slice(reason) : text.split("\n").slice(-20).join("\n")) || `the build exited with ${signal ?? `code ${code}`}`;
      }
      resolve({ ok: false, cancelled: ending === "cancelled", durationMs, pages: null, error: error.slice(0, 4000) });
    };
    child.on("error", (error) => finish(null, null, error));
    child.on("close", (code, signal) => finish(code, signal));
  });
}
