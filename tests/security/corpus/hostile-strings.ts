/**
 * Strings people and attackers send: Arabic with every spelling variant, bidi controls, emoji and
 * other astral characters, control characters, SQL and script injection, path traversal, format
 * strings, numbers that are not numbers. Shared by the fuzz test and the abuse tests.
 */

/** Arabic as people write it: tashkeel, tatweel, alef forms, Arabic-Indic digits, mixed with Latin. */
export const ARABIC = [
  "عيادة طرابلس",
  "مُسَاعَدَة قَانُونِيَّة",
  "الـــصــحــة",
  "أإآٱا ى ي ة ه",
  "٠١٢٣٤٥٦٧٨٩",
  "۰۱۲۳۴۵۶۷۸۹",
  "طرابلس Tripoli Trablus",
  "ﷺ ﷽",
  "لا إله",
];

/** Bidirectional and invisible controls (the "Trojan Source" family), and zero-width characters. */
export const BIDI = [
  "\u202e\u0645\u0631\u062d\u0628\u0627\u202c",
  "\u202egnp.exe\u202c",
  "\u2066abc\u2069\u2067def\u2069\u2068ghi\u2069",
  "\u200e\u200f\u061c",
  "a\u200bb\u200cc\u200dd\ufeffe",
  "\u202a\u202b\u202d\u202e\u202c",
];

export const EMOJI = ["🏥", "👩🏽‍⚕️", "🇱🇾", "🧑‍🤝‍🧑", "😀".repeat(50), "\u{1F4A9}\u{1F4A9}", "\u{10FFFF}", "\u{E0001}\u{E0065}\u{E006E}"];

/** Control characters, lone surrogates, the NUL byte PostgreSQL refuses in text, odd line breaks. */
export const CONTROL = ["\u0000", "a\u0000b", "\u0001\u0002\u0003\u001b[31m", "\r\n\r\n", "\u2028\u2029", "\ud800", "\udfff\ud800", "\uffff\ufffe", "\t\v\f"];

export const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE services; --",
  "\"; DROP TABLE users; --",
  "1; SELECT pg_sleep(10)--",
  "' UNION SELECT password_hash, email FROM users --",
  "%' AND 1=1 --",
  "\\'; --",
  "$$; select 1; $$",
  "E'\\x00'",
  "1' AND (SELECT COUNT(*) FROM pg_catalog.pg_tables) > 0 --",
  "a:*|b & !c <-> d",
  "!!!(((",
  "\\\\\\",
  "%_%",
];

export const SCRIPT_INJECTION = [
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  "${7*7}",
  "<svg/onload=alert(1)>",
];

export const OTHER = [
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%s%s%s%n",
  "%00",
  "NaN",
  "-0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "true",
  "",
  " ",
  "ـ",
];

export const HOSTILE_STRINGS = [...ARABIC, ...BIDI, ...EMOJI, ...CONTROL, ...SQL_INJECTION, ...SCRIPT_INJECTION, ...OTHER];
