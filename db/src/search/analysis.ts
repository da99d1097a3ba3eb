import { normalize } from "../text/normalize.js";

/**
 * Text → search terms, the same for every locale, at index time (API and portal build) and at
 * query time (API and browser): the shared normaliser, French elisions cut off (l'hôpital →
 * hopital), words of letters and digits, one-letter words dropped (except digits), then a light
 * stemmer chosen by the word's script, not by the interface's language, because people search
 * across START's languages.
 */
const ELISION = /(^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu|presqu)'(?=\p{L})/gu;
const SEPARATOR = /[^\p{L}\p{N}]+/u;
const ARABIC = /[\u0600-\u06FF]/u;

/** The words of a text, normalised, in order (repeats kept). */
export function words(text: string): string[] {
  const normalized = normalize(text).replace(ELISION, "$1");
  return normalized.split(SEPARATOR).filter((word) => word.length > 1 || /^\p{N}$/u.test(word));
}

// Arabic light stemming (after normalisation: ة → ه, ى → ي, one alef): one prefix (the article
// with the conjunctions and prepositions before it; a bare و stays, since so many roots begin
// with it: وظيفة, وزارة, وثيقة), then one ending (a plural or dual, ها, or a
// possessive تي / ك), after which a final ي may still go; or else a final ه or ي alone. Never fewer
// than three letters left. مستشفيات / المستشفى → مستشف, محامي / محامون → محام, ممرضة → ممرض,
// سفارتي / سفارة → سفار, جوازك → جواز; مصراتة keeps its ات (→ مصرات, not مصري's مصر).
const ARABIC_PREFIXES = ["وبال", "وكال", "وال", "فال", "بال", "كال", "لل", "ال"];
const ARABIC_ENDINGS = ["ات", "ون", "ين", "ان", "ها", "يه", "تي"];
const ARABIC_MIN = 3;

function stemArabic(word: string): string {
  let stem = word;
  for (const prefix of ARABIC_PREFIXES) {
    if (stem.startsWith(prefix) && stem.length - prefix.length >= ARABIC_MIN) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  const strip = (ending: string, keep = ARABIC_MIN) => {
    if (!stem.endsWith(ending) || stem.length - ending.length < keep) return false;
    stem = stem.slice(0, -ending.length);
    return true;
  };
  if (ARABIC_ENDINGS.some((ending) => strip(ending)) || strip("ك", 4)) strip("ي");
  else if (!strip("ه")) strip("ي");
  return stem;
}

// Latin light stemming for English and French alike (accents are already gone): plurals,
// -ing, -ed, a final e. clinics → clinic, hopitaux → hopital, nurses / nursing / nurse → nurs,
// families / family → famili, avocate → avocat.
function stemLatin(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  if (stem.endsWith("aux") && stem.length > 4) stem = `${stem.slice(0, -3)}al`;
  else if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}i`;
  else if (stem.endsWith("s") && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith("ing") && stem.length > 5) stem = stem.slice(0, -3);
  else if (stem.endsWith("ed") && stem.length > 4) stem = stem.slice(0, -2);
  if (stem.endsWith("y") && stem.length > 3) stem = `${stem.slice(0, -1)}i`;
  if (stem.endsWith("e") && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

/** A normalised word's stem: what the index holds and what a query word is looked up as. */
export function stem(word: string): string {
  return ARABIC.test(word) ? stemArabic(word) : stemLatin(word);
}

/** A text's terms: its words, stemmed, without the stop words (given normalised, unstemmed). */
export function terms(text: string, stopWords: ReadonlySet<string>): string[] {
  return words(text)
    .filter((word) => !stopWords.has(word))
    .map(stem);
}
