import type { Fixtures, Period } from "./fixtures.js";

/** ISO weekday (1 = Monday) in Libya now, and tomorrow's. */
export function libyaWeekday(offsetDays = 0): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: "Africa/Tripoli", weekday: "short" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
  return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(name) + 1;
}

export const ALL_WEEK: Period[] = [1, 2, 3, 4, 5, 6, 7].map((day) => [day, "00:00", "24:00"]);

/** Great-circle distance in km, as the database computes it. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const a =
    Math.sin(radians(lat2 - lat1) / 2) ** 2 +
    Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(radians(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export const TRIPOLI_CENTRE = { latitude: 32.8872, longitude: 13.1913 };

/** The published services of the directory world, and the ones the public must never see. */
export const VISIBLE_SERVICES = [
  "tripoli-clinic",
  "janzour-counselling",
  "sabha-legal-aid",
  "tunis-consular",
  "tripoli-shelter",
  "online-helpline",
] as const;
export const HIDDEN_SERVICES = ["draft-clinic", "archived-clinic", "hidden-org-clinic", "defunct-clinic", "in-review-clinic"] as const;

/**
 * A directory to filter: services in Tripoli, Janzour, Sabha and Tunis (another time zone), one
 * with a confidential address, one with no address at all, and records the public must not see.
 */
export async function directoryWorld(fixtures: Fixtures): Promise<void> {
  await fixtures.world();
  await fixtures.organization({ slug: "aid", names: { ar: "منظمة العون الليبية", en: "Libyan Aid", fr: "Aide libyenne" } });
  await fixtures.organization({ slug: "lawyers", names: { en: "Lawyers for Migrants", ar: "محامون من أجل المهاجرين" } });
  await fixtures.organization({ slug: "ministry", kind: "government", names: { ar: "وزارة الخارجية", fr: "Ministère des Affaires étrangères" } });
  await fixtures.organization({ slug: "hidden", state: "draft", names: { en: "Not yet approved" } });

  await fixtures.service({
    slug: "tripoli-clinic",
    organization: "aid",
    categories: ["health.primary_care"],
    cost: "free",
    audiences: ["migrants_in_libya"],
    languages: ["ar", "en"],
    verifiedAt: new Date("2026-10-01T10:00:00Z"),
    texts: {
      ar: { name: "عيادة طرابلس للرعاية الأولية", documents: ["أي وثيقة هوية"] },
      en: { name: "Tripoli primary care clinic", description: "Free consultations for everyone.", documents: ["Any identity document"] },
      fr: { name: "Clinique de soins primaires de Tripoli" },
    },
    locations: [
      {
        place: "tripoli",
        latitude: 32.8925,
        longitude: 13.1802,
        texts: { ar: { address: "شارع عمر المختار" }, en: { address: "Omar Al-Mukhtar Street" } },
        schedules: [{ periods: ALL_WEEK, notes: { en: "Open day and night." } }],
        phones: [{ number: "+218912345678", type: "voice", languages: ["ar", "en"], description: { en: "Reception" } }],
      },
    ],
    phones: [{ number: "+218912345679", type: "whatsapp" }],
  });
  await fixtures.service({
    slug: "janzour-counselling",
    organization: "aid",
    categories: ["health.mental_health"],
    cost: "paid",
    audiences: ["women"],
    languages: ["ar", "fr"],
    texts: { ar: { name: "دعم نفسي في جنزور", description: "جلسات دعم نفسي للنساء." } },
    locations: [{ place: "janzour", latitude: 32.8175, longitude: 13.0106, schedules: [{ periods: [[libyaWeekday(1), "09:00", "17:00"]] }] }],
  });
  await fixtures.service({
    slug: "sabha-legal-aid",
    organization: "lawyers",
    categories: ["legal_aid"],
    cost: "free",
    audiences: ["anyone"],
    languages: ["ar", "ha"],
    verifiedAt: new Date("2026-09-01T10:00:00Z"),
    texts: { en: { name: "Sabha legal aid desk", description: "Help with documents and detention." } },
    locations: [
      {
        place: "sabha",
        latitude: 27.0377,
        longitude: 14.4283,
        schedules: [{ periods: [[1, "10:00", "12:00"], [1, "13:00", "15:00"]] }],
      },
    ],
  });
  await fixtures.service({
    slug: "tunis-consular",
    organization: "ministry",
    categories: ["legal_aid"],
    cost: "free",
    audiences: ["libyans_abroad"],
    languages: ["ar", "fr"],
    texts: { ar: { name: "الخدمة القنصلية في تونس" }, fr: { name: "Service consulaire à Tunis" } },
    locations: [{ place: "tunis", latitude: 36.8065, longitude: 10.1815, schedules: [{ periods: [[1, "10:00", "12:00"]] }] }],
  });
  await fixtures.service({
    slug: "tripoli-shelter",
    organization: "aid",
    categories: ["protection.gbv"],
    cost: "free",
    audiences: ["women", "children"],
    languages: ["ar"],
    confidentialAddress: true,
    texts: { ar: { name: "مأوى آمن للنساء" }, en: { name: "Women's safe shelter" } },
    locations: [{ place: "tripoli", latitude: 32.95, longitude: 13.25, texts: { en: { name: "The safe house", address: "5 Hidden Street" } } }],
    phones: [{ number: "+218910000000", type: "hotline" }],
  });
  await fixtures.service({
    slug: "online-helpline",
    organization: "aid",
    categories: ["protection"],
    cost: "free",
    audiences: ["anyone"],
    languages: ["ar", "en", "fr"],
    texts: { en: { name: "Protection hotline" } },
    schedules: [{ periods: ALL_WEEK }],
    phones: [{ number: "+218911111111", type: "hotline" }],
  });

  const hiddenClinic = (slug: string, overrides: Partial<Parameters<Fixtures["service"]>[0]> = {}) =>
    fixtures.service({
      slug,
      organization: "aid",
      categories: ["health.primary_care"],
      texts: { ar: { name: `عيادة مخفية ${slug}` }, en: { name: `Hidden clinic ${slug}` } },
      locations: [{ place: "tripoli", latitude: 32.89, longitude: 13.19, schedules: [{ periods: ALL_WEEK }] }],
      ...overrides,
    });
  await hiddenClinic("draft-clinic", { state: "draft" });
  await hiddenClinic("in-review-clinic", { state: "in_review" });
  await hiddenClinic("archived-clinic", { archived: true });
  await hiddenClinic("defunct-clinic", { status: "defunct" });
  await hiddenClinic("hidden-org-clinic", { organization: "hidden" });
}
