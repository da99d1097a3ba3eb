import lunr from "lunr";

/**
 * The lunr pipeline of each locale, shared by the index builder and the search page, so that a
 * word is reduced the same way on both sides:
 *   stop words removed, then the language's stemmer (lunr-languages: lunr.ar, lunr.fr; lunr's
 *   own Porter stemmer for English). Locales lunr-languages does not cover get no stemmer.
 * The trimmers are left out on purpose: tokenize() already cut the words, and the Arabic
 * trimmer would erase the Latin words an Arabic index also holds (IOM, Trablus).
 * The stemmers run on normalised text (ى → ي, ة → ه, no accents) at both ends: lunr.ar
 * stems أ/ى forms inconsistently, which the normaliser avoids.
 */
export type PipelineFunction = lunr.PipelineFunction;
type LanguagePlugin = (instance: typeof lunr) => void;
type LunrWithLanguages = typeof lunr & {
  stemmerSupport?: unknown;
  ar?: { stemmer: PipelineFunction; stopWordFilter: PipelineFunction };
  fr?: { stemmer: PipelineFunction; stopWordFilter: PipelineFunction };
};

const plugins: Record<string, () => Promise<{ default: LanguagePlugin }>> = {
  ar: () => import("lunr-languages/lunr.ar.js") as Promise<{ default: LanguagePlugin }>,
  fr: () => import("lunr-languages/lunr.fr.js") as Promise<{ default: LanguagePlugin }>,
};

/** Loads the locale's lunr-languages plugin (once) and returns its pipeline. */
export async function languagePipeline(locale: string): Promise<PipelineFunction[]> {
  const instance = lunr as LunrWithLanguages;
  if (locale === "en") return [lunr.stopWordFilter, lunr.stemmer];
  const load = plugins[locale];
  if (!load) return [];
  if (!instance.stemmerSupport) {
    const support = (await import("lunr-languages/lunr.stemmer.support.js")) as { default: LanguagePlugin };
    support.default(lunr);
  }
  if (!(instance as unknown as Record<string, unknown>)[locale]) (await load()).default(lunr);
  const language = (instance as unknown as Record<string, { stemmer: PipelineFunction; stopWordFilter: PipelineFunction }>)[locale]!;
  return [language.stopWordFilter, language.stemmer];
}

/** The stemmer alone: what lunr runs on query terms (the index's search pipeline). */
export function searchStep(pipeline: PipelineFunction[]): PipelineFunction[] {
  return pipeline.slice(-1);
}

/** Runs a word through a pipeline: its stem, or "" when it is a stop word. */
export function reduce(pipeline: PipelineFunction[], word: string): string {
  const run = new lunr.Pipeline();
  run.add(...pipeline);
  return run.runString(word)[0] ?? "";
}

export { lunr };
