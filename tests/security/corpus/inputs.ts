/**
 * Valid editorial inputs for every kind of record, with every text field filled: the fuzz test
 * replaces one value at a time with something hostile, the XSS test fills every text with a
 * payload. References use the test world's slugs (tests/support/fixtures.ts `world()`).
 */

export function libyaDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date(Date.now() + days * 86_400_000));
}

/** Texts of a service in Arabic and English. */
export const serviceTexts = (name = "عيادة الحي", text = "نص") => [
  {
    locale: "ar",
    name,
    alternateName: text,
    description: text,
    eligibilityDescription: text,
    applicationProcess: text,
    feesDescription: text,
    requiredDocuments: [text],
  },
  { locale: "en", name: "Neighbourhood clinic", description: "Free care." },
];

export function serviceInput(text = "نص", name = "عيادة الحي"): Record<string, unknown> {
  return {
    texts: serviceTexts(name, text),
    categories: ["health"],
    audiences: ["MIGRANTS_IN_LIBYA"],
    languages: ["ar", "en"],
    cost: "FREE",
    status: "ACTIVE",
    url: "https://clinic.example.org/",
    email: "clinic@example.org",
    phones: [{ number: "+218912345678", type: "VOICE", languages: ["ar"], descriptions: [{ locale: "ar", text }] }],
    schedules: [{ periods: [{ weekday: 1, opensAt: "08:00", closesAt: "14:00" }], notes: [{ locale: "ar", text }] }],
    locations: [
      {
        place: "tripoli",
        latitude: 32.89,
        longitude: 13.19,
        texts: [{ locale: "ar", name: text, address: text, description: text, transportation: text, accessibility: text }],
        phones: [{ number: "+218923456789", type: "WHATSAPP", descriptions: [{ locale: "ar", text }] }],
        schedules: [{ periods: [{ weekday: 2, opensAt: "09:00", closesAt: "12:00" }], notes: [{ locale: "ar", text }] }],
      },
    ],
    sources: [{ title: text, url: "https://source.example.org/", accessed: "2026-01-10" }],
  };
}

export function vacancyInput(text = "نص", title = "ممرضة"): Record<string, unknown> {
  return {
    sector: "health",
    place: "tripoli",
    recruitmentChannel: "EMAIL",
    applyEmail: "jobs@example.org",
    applyUrl: "https://jobs.example.org/apply",
    deadline: libyaDate(30),
    positions: 3,
    texts: [{ locale: "ar", title, description: text, requirements: text, howToApply: text }],
    sources: [{ title: text, url: "https://source.example.org/" }],
  };
}

export function rightsArticleInput(text = "نص", body = "**نص**", title = "الحق في الصحة"): Record<string, unknown> {
  return {
    topic: "health-care",
    country: "libya",
    audience: "ANYONE",
    reviewedOn: "2026-01-10",
    texts: [{ locale: "ar", title, summary: text, body }],
    sources: [{ title: text, url: "https://law.example.org/" }],
  };
}

export function alertInput(text = "نص", title = "طريق مغلق"): Record<string, unknown> {
  return { validFrom: "2026-01-01T00:00:00Z", severity: "WARNING", places: ["tripoli"], texts: [{ locale: "ar", title, body: text }], sources: [{ title: text }] };
}

export function organizationInput(slug: string, text = "نص", name = "جمعية"): Record<string, unknown> {
  return {
    slug,
    kind: "NATIONAL_NGO",
    website: "https://ngo.example.org/",
    email: "info@ngo.example.org",
    texts: [{ locale: "ar", name, alternateName: text, description: text }],
    sources: [{ title: text }],
  };
}

export function categoryInput(code: string, text = "نص", name = "فئة"): Record<string, unknown> {
  return { code, parent: "health", texts: [{ locale: "ar", name, description: text }] };
}

export function placeInput(slug: string, name = "تاجوراء", alias = "Tajura"): Record<string, unknown> {
  return { slug, kind: "MUNICIPALITY", parent: "tripoli-region", countryCode: "LY", timeZone: "Africa/Tripoli", aliases: [alias], texts: [{ locale: "ar", name }] };
}
