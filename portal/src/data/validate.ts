import { SnapshotError } from "./fetch-snapshot.js";
import type { CategoryRecord, PlaceRecord, Snapshot } from "./types.js";

/**
 * What the portal refuses to publish: a record it would have to show without a name (or a title)
 * in any locale — a service, the organization behind it, a category, a place, a rights article or
 * a vacancy. The database requires the text to be non-blank, but nothing stops a record from
 * losing all its translations (an SQL console, a half-done import); a build then fails and the
 * previous site stays online until the record is fixed.
 */
export function publishingProblems(snapshot: Snapshot): string[] {
  const problems: string[] = [];
  const named = (translations: readonly { [key: string]: unknown }[], field: string) =>
    translations.some((entry) => typeof entry[field] === "string" && (entry[field] as string).trim() !== "");
  const organizations = new Map(snapshot.organizations.map((organization) => [organization.id, organization]));

  for (const service of snapshot.services) {
    if (!named(service.translations, "name")) problems.push(`service "${service.slug}" has no name in any locale`);
    const organization = organizations.get(service.organization.id);
    // The API lists organizations by name: one without any is missing from the list.
    if (!organization || !named(organization.translations, "name")) {
      problems.push(`service "${service.slug}" belongs to organization "${service.organization.slug}", which has no name in any locale`);
    }
  }
  for (const organization of snapshot.organizations) {
    if (!named(organization.translations, "name")) problems.push(`organization "${organization.slug}" has no name in any locale`);
  }
  const walk = <T extends PlaceRecord | CategoryRecord>(records: readonly T[], describe: (record: T) => string) => {
    for (const record of records) {
      if (!named(record.translations, "name")) problems.push(`${describe(record)} has no name in any locale`);
      walk((record.children ?? []) as T[], describe);
    }
  };
  walk(snapshot.places, (place) => `place "${place.slug}"`);
  walk(snapshot.categories, (category) => `category "${category.code}"`);
  for (const article of snapshot.rights) {
    if (!named(article.translations, "title")) problems.push(`rights article "${article.slug}" has no title in any locale`);
  }
  for (const vacancy of snapshot.vacancies) {
    if (!named(vacancy.translations, "title")) problems.push(`vacancy "${vacancy.slug}" has no title in any locale`);
  }
  return [...new Set(problems)];
}

/** The snapshot, when it can be published; a SnapshotError naming the records otherwise. */
export function assertPublishable(snapshot: Snapshot): Snapshot {
  const problems = publishingProblems(snapshot);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("; ");
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : "";
    throw new SnapshotError(`the data cannot be published: ${shown}${more}`);
  }
  return snapshot;
}
