import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root, found from this file whether it runs from db/src or db/dist. */
export const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));
/** The content START seeds from: START_CONTENT_DIR (a copy kept elsewhere), or content/ in the repository. */
export const contentFolder = path.resolve(process.env.START_CONTENT_DIR || path.join(repositoryRoot, "content"));

/** Where START keeps its data on this machine: START_DATA_DIR, or .data/ in the repository. */
export function dataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.START_DATA_DIR ?? path.join(repositoryRoot, ".data"));
}
