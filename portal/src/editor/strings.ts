/// <reference types="astro/client" />
/**
 * The UI strings the editor needs in the browser (build time): the editor's own, the labels of
 * the data model's enumerations, language names, vacancy sectors and a few common words. They go
 * into the page as a JSON block, so the browser needs no i18n library and no second request.
 */
/** One locale's catalogue (content/i18n/<locale>.json): namespaces of nested strings. */
interface Catalogue {
  [namespace: string]: unknown;
  jobs?: { sectors?: unknown };
  rights?: { topics?: unknown };
}
const FILES = import.meta.glob<{ default: Catalogue }>("../../../content/i18n/*.json", { eager: true });
const RESOURCES: Record<string, Catalogue> = Object.fromEntries(
  Object.entries(FILES).map(([file, module]) => [file.replace(/^.*\/|\.json$/g, ""), module.default]),
);

export function editorStrings(locale: string): Record<string, unknown> {
  const all = RESOURCES[locale] ?? {};
  return {
    editor: all.editor,
    enums: all.enums,
    languages: all.languages,
    common: all.common,
    errors: all.errors,
    jobs: { sectors: all.jobs?.sectors },
    rights: { topics: all.rights?.topics },
  };
}
