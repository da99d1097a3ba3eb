import type DataLoader from "dataloader";

/**
 * The records a search answers with (its hits, their organizations, the categories and places of
 * its facets), as the request's loaders read them, kept with the indexes of the search generation
 * they were read at. Every table they are read from bumps that generation (migration 0006), and
 * the indexes are dropped when it moves on: a record kept here is what the loader would read now.
 * A search that finds them all here sends no statement for them; what it reads is kept for the
 * next one.
 */
/** The kinds of record kept: one request loader, and one map here, each. */
export type KeptKind = "service" | "rights_article" | "vacancy" | "organization" | "category" | "place";

export class KeptRecords {
  private readonly kept = new Map<KeptKind, Map<string, unknown>>();

  /**
   * The records with these ids (null for none), from here or else read by the request's `loader`
   * (one batch) and kept; the loader is primed with them, so that the fields resolved later find
   * them there too. A failed read is answered as the loader answers it and kept for no one.
   */
  async load<V>(kind: KeptKind, loader: DataLoader<string, V | null>, ids: readonly string[]): Promise<(V | null | Error)[]> {
    let kept = this.kept.get(kind) as Map<string, V | null> | undefined;
    if (!kept) this.kept.set(kind, (kept = new Map()));
    const missing = [...new Set(ids.filter((id) => !kept.has(id)))];
    const failed = new Map<string, Error>();
    if (missing.length > 0) {
      const read = await loader.loadMany(missing);
      read.forEach((record, index) => {
        if (record instanceof Error) failed.set(missing[index]!, record);
        else kept.set(missing[index]!, record);
      });
    }
    return ids.map((id) => {
      const record = kept.get(id);
      if (record === undefined) return failed.get(id) ?? null;
      if (record !== null) loader.prime(id, record);
      return record;
    });
  }
}
