import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseYaml } from "./yaml.js";
import { z } from "zod";
import { type CompiledVocabulary, LABEL_KEYS, LABEL_PREFIXES, LONGEST_PHRASE, terms, words } from "../search/index.js";

/**
 * The words people use (content/search/<language>.yaml), editable without code: stop words, and
 * groups that tie what people type to what START's listings say. Every file applies to every
 * query, whatever the interface's language: people search in the words they have.
 *
 *   same: [a, b, c]          any of them also looks for all the others (دكتور, طبيب, doctor)
 *   when: [what people type] …
 *   find: [listing words]    … also looks for these (one way: "sleep tonight" → shelter)
 */
const phrases = z.array(z.string().trim().min(1).max(120)).min(1).max(60);
export const vocabularyFile = z.strictObject({
  stop_words: z.array(z.string().trim().min(1).max(40)).max(1000).default([]),
  groups: z
    .array(
      z.union([
        z.strictObject({ same: phrases.min(2), note: z.string().optional() }),
        z.strictObject({ when: phrases, find: phrases, note: z.string().optional() }),
      ]),
    )
    .max(5000)
    .default([]),
});
export type VocabularyFile = z.infer<typeof vocabularyFile>;

export function compileVocabulary(files: readonly VocabularyFile[]): CompiledVocabulary {
  // Every file applies to every query, so a word one language lists as a stop word but another
  // lists on its own in a group ("son": French "his", English "son") stays a word people search for.
  const listed = new Set(
    files.flatMap((file) =>
      file.groups.flatMap((group) => ("same" in group ? group.same : [...group.when, ...group.find]).map((phrase) => words(phrase)).filter((found) => found.length === 1).flat()),
    ),
  );
  const stop = new Set(files.flatMap((file) => file.stop_words.flatMap((word) => words(word))).filter((word) => !listed.has(word)));
  const groups: string[][] = [];
  const phrases = new Map<string, number[]>();
  const keyOf = (phrase: string) => terms(phrase, stop).slice(0, LONGEST_PHRASE).join(" ");
  const addGroup = (keys: readonly string[], members: readonly string[]) => {
    const unique = [...new Set(members)].sort();
    const usable = [...new Set(keys.map(keyOf))].filter((key) => key !== "");
    if (unique.length < 2 || usable.length === 0) return;
    const number = groups.push(unique) - 1;
    for (const key of usable) phrases.set(key, [...(phrases.get(key) ?? []), number]);
  };
  for (const file of files) {
    for (const group of file.groups) {
      if ("same" in group) addGroup(group.same, group.same.flatMap((phrase) => terms(phrase, stop)));
      else addGroup(group.when, [...group.when, ...group.find].flatMap((phrase) => terms(phrase, stop)));
    }
  }
  return { stop: [...stop].sort(), groups, phrases: Object.fromEntries([...phrases].sort(([a], [b]) => (a < b ? -1 : 1))) };
}

/** Problems in a vocabulary file, for the content checks: file, place, message. */
export interface VocabularyIssue {
  file: string;
  path: string;
  message: string;
}

/** Parses vocabulary files given as texts (name: "ar.yaml"…); returns the parsed files and their problems. */
export function parseVocabularyFiles(sources: readonly { name: string; text: string }[]): { files: VocabularyFile[]; issues: VocabularyIssue[] } {
  const files: VocabularyFile[] = [];
  const issues: VocabularyIssue[] = [];
  for (const { name, text } of [...sources].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const file = `search/${name}`;
    let data: unknown;
    try {
      data = parseYaml(text);
    } catch (error) {
      issues.push({ file, path: "", message: `not valid YAML: ${(error as Error).message}` });
      continue;
    }
    const result = vocabularyFile.safeParse(data ?? {});
    if (!result.success) {
      for (const issue of result.error.issues) issues.push({ file, path: issue.path.join("."), message: issue.message });
      continue;
    }
    result.data.groups.forEach((group, index) => {
      const listed = "same" in group ? group.same : [...group.when, ...group.find];
      for (const phrase of listed) {
        if (words(phrase).length === 0) issues.push({ file, path: `groups.${index}`, message: `"${phrase}" has no word a search can use` });
      }
    });
    files.push(result.data);
  }
  return { files, issues };
}

/** Reads content/search/*.yaml (the file names are locale codes); returns the parsed files and their problems. */
export function readVocabularyFiles(contentRoot: string): { files: VocabularyFile[]; issues: VocabularyIssue[] } {
  const folder = path.join(contentRoot, "search");
  if (!existsSync(folder)) return { files: [], issues: [] };
  return parseVocabularyFiles(
    readdirSync(folder)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") })),
  );
}

/** Compiles parsed vocabulary texts; throws on a file that is not valid. */
export function vocabularyFromTexts(sources: readonly { name: string; text: string }[]): CompiledVocabulary {
  const { files, issues } = parseVocabularyFiles(sources);
  if (issues.length > 0) {
    throw new Error(`search vocabulary: ${issues.map((issue) => `${issue.file} ${issue.path}: ${issue.message}`).join("; ")}`);
  }
  return compileVocabulary(files);
}

/** The vocabulary of a content folder, compiled; throws on a file that is not valid. */
export function loadVocabulary(contentRoot: string): CompiledVocabulary {
  const folder = path.join(contentRoot, "search");
  if (!existsSync(folder)) return compileVocabulary([]);
  return vocabularyFromTexts(
    readdirSync(folder)
      .filter((name) => name.endsWith(".yaml"))
      .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") })),
  );
}

/** The label texts search documents borrow (LABEL_PREFIXES, LABEL_KEYS), by key and locale, from UI strings by locale. */
export function searchLabelsFrom(uiStrings: Readonly<Record<string, unknown>>): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const [locale, strings] of Object.entries(uiStrings).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const walk = (value: unknown, prefix: string) => {
      if (typeof value === "string") {
        if (LABEL_KEYS.includes(prefix) || LABEL_PREFIXES.some((start) => prefix.startsWith(start))) labels.set(prefix, { ...labels.get(prefix), [locale]: value });
      } else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
    };
    walk(strings, "");
  }
  return labels;
}

/** The same, from content/i18n/ of a content folder. */
export function readSearchLabels(contentRoot: string): Map<string, Record<string, string>> {
  const folder = path.join(contentRoot, "i18n");
  if (!existsSync(folder)) return new Map();
  return searchLabelsFrom(
    Object.fromEntries(
      readdirSync(folder)
        .filter((name) => name.endsWith(".json"))
        .map((name) => [name.slice(0, -".json".length), JSON.parse(readFileSync(path.join(folder, name), "utf8")) as unknown]),
    ),
  );
}
