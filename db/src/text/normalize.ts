/**
 * Text normalisation for search, shared by the database (the SQL function `start_normalize`
 * in migration 0001), the API and the portal's lunr index, so that what is indexed and what
 * is typed meet in the same form. Keep this file and the SQL function in step: a test runs
 * both over the same corpus.
 *
 * - Arabic: tashkeel, Quranic marks and tatweel removed; alef forms (أ إ آ ٱ) → ا; ى → ي;
 *   ة → ه; Persian yeh and keheh (ی ک) → ي ك; Arabic-Indic and Persian digits → ASCII.
 * - Latin: accents folded (é → e, ç → c), ligatures expanded (œ → oe), lower case.
 * - Zero-width characters and bidirectional controls removed (people paste them unseen).
 * - Typographic apostrophes → ', other spaces → " ", runs of white space → one space, trimmed.
 */

/** Removed outright: tashkeel, Quranic marks, tatweel, Arabic letter mark, zero-width and bidi controls. */
export const REMOVED_CHARACTERS_PATTERN =
  "[\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u0640\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]";

/** One-to-one replacements: the i-th character of FROM becomes the i-th character of TO. */
export const CHARACTER_MAP_FROM =
  "أإآٱىةیک" +
  "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" +
  "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ" +
  "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ" +
  "’‘ʼ`" +
  "\u00A0\u2002\u2003\u2007\u2009\u200A\u202F\u3000";
export const CHARACTER_MAP_TO =
  "اااا" + "يهيك" +
  "01234567890123456789" +
  "aaaaaaceeeeiiiinooooouuuuyy" +
  "aaaaaaceeeeiiiinooooouuuuyy" +
  "''''" +
  "        ";

/** One-to-many replacements (ligatures). */
export const EXPANSIONS: ReadonlyArray<readonly [string, string]> = [
  ["œ", "oe"],
  ["Œ", "oe"],
  ["æ", "ae"],
  ["Æ", "ae"],
  ["ß", "ss"],
];

/** White space that separates words: ASCII only, once the map has turned other spaces into " ". */
export const WHITE_SPACE_RUN_PATTERN = "[ \\t\\n\\r\\f\\v]+";

const removedCharacters = new RegExp(REMOVED_CHARACTERS_PATTERN, "g");
const whiteSpaceRun = new RegExp(WHITE_SPACE_RUN_PATTERN, "g");
const characterMap = new Map<string, string>();
{
  const from = [...CHARACTER_MAP_FROM];
  const to = [...CHARACTER_MAP_TO];
  if (from.length !== to.length) throw new Error("normalize: the two halves of the character map differ in length");
  from.forEach((character, index) => characterMap.set(character, to[index]!));
}

/** Normalise text for indexing or querying. Idempotent: normalize(normalize(x)) === normalize(x). */
export function normalize(input: string): string {
  let text = "";
  for (const character of input.replace(removedCharacters, "")) text += characterMap.get(character) ?? character;
  for (const [from, to] of EXPANSIONS) text = text.replaceAll(from, to);
  return text.toLowerCase().replace(whiteSpaceRun, " ").replace(/^ | $/g, "");
}
