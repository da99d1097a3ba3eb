import type { RunningSystem } from "./system.js";
import { firstAdminNotice } from "./bootstrap.js";

/** What a person starting START needs to see first: where it is, what it runs on, the admin's password if one was generated. */
export async function startBanner(system: RunningSystem, roles: { portal: boolean; api: boolean }): Promise<string> {
  const { config, database, http } = system;
  const local = `http://localhost:${http?.port ?? config.port}`;
  const lines = [`START is running at ${local}/`];
  if (roles.portal) {
    const built = await system.site.current();
    lines.push(`  portal    ${local}/${built ? "" : "   (being built: it appears in a few seconds; the log says when)"}`);
    if (config.siteUrl !== local) lines.push(`            public address in links and the sitemap: ${config.siteUrl}/`);
  }
  if (roles.api) lines.push(`  GraphQL   ${local}/graphql`, `  HSDS      ${local}/hsds/`);
  lines.push(`  database  ${database.driver === "pglite" ? `embedded PGlite in ${database.location}` : `PostgreSQL ${database.location}`}`);
  if (roles.portal) lines.push(`  builds    ${config.siteDir}`);
  const admin = firstAdminNotice(system.prepared.admin);
  if (admin) lines.push("", admin);
  lines.push("", "Stop with Ctrl-C.");
  return `\n${lines.join("\n")}\n\n`;
}
