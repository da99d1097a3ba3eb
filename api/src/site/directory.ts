import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where the built portal lives on this machine:
 *
 *   <site>/builds/<id>/        one complete build each (what the portal build script wrote)
 *   <site>/builds/<id>.json    written after the build succeeded: when, from which sources
 *   <site>/current             a symbolic link to builds/<id>, replaced atomically by rename()
 *
 * Readers resolve `current` on every request, so a swap is seen at once and a visitor never gets
 * half a build. The previous builds stay a while: a page loaded just before a swap still finds
 * its hashed scripts and styles.
 */

export interface BuildInfo {
  id: string;
  /** When the build was swapped in (ISO). */
  builtAt: string;
  /** The portal's source stamp when it was built (see source-stamp.ts). */
  sourceStamp: string;
  durationMs: number;
  /** The publish jobs it covered. */
  jobIds: number[];
}

export interface Build {
  id: string;
  dir: string;
}

/** Build ids sort in time order: 20261122T180838Z-<job>-<random>. */
export function newBuildId(lastJobId: number | string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${lastJobId}-${randomBytes(3).toString("hex")}`;
}

const BUILD_ID = /^\d{8}T\d{6}Z-[\w-]+$/;

export class SiteDirectory {
  readonly buildsDir: string;
  readonly currentLink: string;

  constructor(readonly root: string) {
    this.buildsDir = path.join(root, "builds");
    this.currentLink = path.join(root, "current");
  }

  /** The folder a new build is written into (not created: the build script makes it). */
  async prepareBuild(id: string): Promise<string> {
    await mkdir(this.buildsDir, { recursive: true });
    return path.join(this.buildsDir, id);
  }

  /** The build `current` points to, or null before the first build. */
  async current(): Promise<Build | null> {
    let target: string;
    try {
      target = await readlink(this.currentLink);
    } catch {
      return null;
    }
    const id = path.basename(target);
    const dir = path.resolve(this.root, target);
    if (!existsSync(dir)) return null;
    return { id, dir };
  }

  async info(id: string): Promise<BuildInfo | null> {
    try {
      return JSON.parse(await readFile(path.join(this.buildsDir, `${id}.json`), "utf8")) as BuildInfo;
    } catch {
      return null;
    }
  }

  /** Complete builds (those with their .json), newest first. */
  async completed(): Promise<Build[]> {
    let names: string[];
    try {
      names = await readdir(this.buildsDir);
    } catch {
      return [];
    }
    const ids = names
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.slice(0, -".json".length))
      .filter((id) => BUILD_ID.test(id) && names.includes(id))
      .sort()
      .reverse();
    return ids.map((id) => ({ id, dir: path.join(this.buildsDir, id) }));
  }

  /**
   * Makes a finished build the current one: its .json first (so it counts as complete), then a
   * new link under a temporary name renamed over `current` — rename() replaces it atomically.
   */
  async swapIn(info: BuildInfo): Promise<void> {
    await writeFile(path.join(this.buildsDir, `${info.id}.json`), `${JSON.stringify(info, null, 2)}\n`);
    const temporary = path.join(this.root, `.current-${randomBytes(4).toString("hex")}`);
    await symlink(path.join("builds", info.id), temporary);
    try {
      await rename(temporary, this.currentLink);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /**
   * Deletes old builds: keeps the current one and the `keep` complete builds before it, and
   * anything else younger than `graceMs` (a build being written by another process).
   */
  async prune(keep = 2, graceMs = 15 * 60_000, now = Date.now()): Promise<string[]> {
    const current = await this.current();
    const completed = await this.completed();
    const kept = new Set<string>(current ? [current.id] : []);
    for (const build of completed) {
      if (kept.size >= keep + 1) break;
      if (!current || build.id <= current.id) kept.add(build.id);
    }
    let names: string[];
    try {
      names = await readdir(this.buildsDir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const id = name.endsWith(".json") ? name.slice(0, -".json".length) : name;
      if (kept.has(id) || !BUILD_ID.test(id)) continue;
      const started = Date.parse(id.slice(0, 16).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
      const complete = completed.some((build) => build.id === id);
      if (!complete && Number.isFinite(started) && now - started < graceMs) continue;
      await rm(path.join(this.buildsDir, name), { recursive: true, force: true });
      if (!name.endsWith(".json")) removed.push(id);
    }
    // Temporary links left by a process that died between symlink() and rename().
    for (const name of await readdir(this.root).catch(() => [] as string[])) {
      if (!name.startsWith(".current-")) continue;
      const link = path.join(this.root, name);
      const stat = await lstat(link).catch(() => null);
      if (stat && now - stat.mtimeMs > 60_000) await rm(link, { force: true });
    }
    return removed;
  }
}
