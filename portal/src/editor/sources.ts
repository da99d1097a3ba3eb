/**
 * A record's sources in the editor: every record kind (organization, service, rights article,
 * alert, vacancy) edits them alike, so they go to and from the form here, once.
 */

export interface SourceForm {
  title: string;
  url: string;
  /** The source's own date (publication or last update). */
  published: string;
  /** When it was read. */
  accessed: string;
}

/** The fields the editor asks the API for. */
export const SOURCE_FIELDS = "sources { title url published accessed }";

export const emptySource = (): SourceForm => ({ title: "", url: "", published: "", accessed: "" });

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The API's sources (a record's values) → the form. */
export function sourcesToForm(sources: unknown): SourceForm[] {
  return ((sources as Record<string, unknown>[] | null | undefined) ?? []).map((source) => ({
    title: text(source.title),
    url: text(source.url),
    published: text(source.published),
    accessed: text(source.accessed),
  }));
}

/** The form's sources → the API's SourceInput list. */
export function sourcesToInput(sources: SourceForm[]) {
  return sources.map((source) => ({
    title: source.title.trim(),
    url: orNull(source.url),
    published: orNull(source.published),
    accessed: orNull(source.accessed),
  }));
}
