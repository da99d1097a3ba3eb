import { type Message, renderMessage } from "../errors.js";
import { hsdsMessage } from "../messages.js";

/** Where a problem is: the file, and the CSV line or the JSON pointer of the record. */
export interface Origin {
  file: string;
  line?: number;
  pointer?: string;
}

export interface Issue {
  origin?: Origin;
  /** The HSDS field (CSV column) at fault. */
  field?: string;
  message: Message;
}

export interface GroupedWarning extends Issue {
  /** How many times it happened (the origin is the first one). */
  count: number;
}

/** Errors listed one by one, up to this many (the rest are counted). */
export const MAX_LISTED_ERRORS = 200;

/**
 * The problems an import finds. Errors stop it (nothing is written); warnings are what it left out
 * or decided, grouped so that a 10,000-row file with one unkept column gives one line, not 10,000.
 */
export class Issues {
  readonly errors: Issue[] = [];
  errorCount = 0;
  private readonly warningGroups = new Map<string, GroupedWarning>();

  error(origin: Origin | undefined, field: string | undefined, message: Message): void {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ origin, field, message });
  }

  /** A warning; those with the same group key are counted together. */
  warn(group: string, origin: Origin | undefined, field: string | undefined, message: Message): void {
    const existing = this.warningGroups.get(group);
    if (existing) existing.count++;
    else this.warningGroups.set(group, { origin, field, message, count: 1 });
  }

  get failed(): boolean {
    return this.errorCount > 0;
  }

  get warnings(): GroupedWarning[] {
    return [...this.warningGroups.values()];
  }
}

/** "services.csv, line 12, field “minimum_age”: …" in the reader's locale. */
export function describeIssue(issue: Issue & { count?: number }, locale: string): string {
  const where: string[] = [];
  if (issue.origin) {
    const place = issue.origin.line !== undefined
      ? hsdsMessage(locale, "atLine", { line: issue.origin.line })
      : issue.origin.pointer
        ? hsdsMessage(locale, "atPointer", { pointer: issue.origin.pointer })
        : undefined;
    where.push(place ? hsdsMessage(locale, "at", { file: issue.origin.file, place }) : issue.origin.file);
  }
  if (issue.field) where.push(hsdsMessage(locale, "atField", { field: issue.field }));
  const params = { ...(issue.message.params ?? {}), ...(issue.count !== undefined ? { count: issue.count } : {}) };
  const text = renderMessage(locale, { key: issue.message.key, params });
  const separator = locale === "ar" ? "، " : ", ";
  const colon = locale === "fr" ? "\u202f: " : ": ";
  return where.length ? `${where.join(separator)}${colon}${text}` : text;
}
