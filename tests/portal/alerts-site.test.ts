import { describe, expect, it } from "vitest";
import { buildSite } from "../../portal/src/data/site.js";
import type { AlertRecord, PlaceRecord, ServiceRecord, Snapshot } from "../../portal/src/data/types.js";

/**
 * Where the portal shows an alert and when it says a service is closed, from a small snapshot and
 * a frozen build time (Libya is UTC+2): the pages a place, an organisation or a service alert
 * reaches, and a closure's last day counted in Libya's calendar.
 */
const place = (slug: string, kind: PlaceRecord["kind"], children: PlaceRecord[] = []): PlaceRecord => ({
  id: `place-${slug}`,
  slug,
  kind,
  countryCode: "LY",
  latitude: null,
  longitude: null,
  timeZone: "Africa/Tripoli",
  aliases: [],
  translations: [{ locale: "en", name: slug }],
  children,
});

const service = (slug: string, organization: string, placeSlug: string): ServiceRecord => ({
  id: `service-${slug}`,
  slug,
  isSample: false,
  status: "ACTIVE",
  cost: "FREE",
  audiences: ["ANYONE"],
  languages: [],
  confidentialAddress: false,
  minimumAge: null,
  maximumAge: null,
  email: null,
  url: null,
  verifiedAt: null,
  verifiedBy: null,
  updatedAt: "2026-01-01T00:00:00Z",
  translations: [{ locale: "en", name: slug, alternateName: null, description: null, eligibilityDescription: null, applicationProcess: null, feesDescription: null, requiredDocuments: [] }],
  organization: { id: `org-${organization}`, slug: organization },
  categories: [],
  phones: [],
  schedules: [],
  locations: [
    {
      id: `link-${slug}`,
      location: { id: `location-${slug}`, latitude: null, longitude: null, postalCode: null, place: { slug: placeSlug }, translations: [], phones: [] },
      phones: [],
      schedules: [],
    },
  ],
  sources: [],
});

const alert = (id: string, targets: Partial<Pick<AlertRecord, "places" | "organizations" | "services" | "closedUntil" | "validFrom">>): AlertRecord => ({
  id,
  severity: "WARNING",
  isSample: false,
  validFrom: "2026-12-01T08:00:00+02:00",
  validUntil: null,
  closedUntil: null,
  places: [],
  organizations: [],
  services: [],
  translations: [{ locale: "en", title: id, body: null }],
  sources: [],
  ...targets,
});

const clinic = service("clinic", "ngo-a", "sabha");
const shelter = service("shelter", "ngo-a", "tripoli");
const legal = service("legal", "ngo-b", "tripoli");

function snapshot(alerts: AlertRecord[]): Snapshot {
  return {
    fetchedAt: "2026-12-10T08:00:00Z",
    locales: [{ code: "en", autonym: "English", direction: "ltr" }],
    categories: [],
    places: [place("libya", "COUNTRY", [place("fezzan", "REGION", [place("sabha", "MUNICIPALITY")]), place("tripoli", "MUNICIPALITY")])],
    organizations: ["ngo-a", "ngo-b"].map((slug) => ({
      id: `org-${slug}`,
      slug,
      kind: "NATIONAL_NGO",
      isSample: false,
      website: null,
      email: null,
      translations: [{ locale: "en", name: slug, alternateName: null, description: null }],
      phones: [],
      sources: [],
    })),
    services: [clinic, shelter, legal],
    rights: [],
    vacancies: [],
    alerts,
  };
}

const ids = (alerts: AlertRecord[]) => alerts.map((item) => item.id).sort();

describe("where the portal shows an alert, and when a closure closes a service", () => {
  const site = buildSite(
    snapshot([
      alert("fezzan-road", { places: [{ slug: "fezzan" }] }),
      alert("ngo-a-strike", { organizations: [{ id: "org-ngo-a", slug: "ngo-a" }] }),
      alert("clinic-closed", { services: [{ id: clinic.id, slug: clinic.slug }], closedUntil: "2026-12-20" }),
      alert("everyone", {}),
    ]),
    new Date("2026-12-10T10:00:00+02:00"),
  );

  it("a service page: alerts naming it, its organisation, or a place around it", () => {
    expect(ids(site.alertsForService(clinic))).toEqual(["clinic-closed", "fezzan-road", "ngo-a-strike"]);
    expect(ids(site.alertsForService(shelter))).toEqual(["ngo-a-strike"]);
    expect(ids(site.alertsForService(legal))).toEqual([]);
  });

  it("a place page: alerts naming it or a place around it, and those naming a service listed there", () => {
    expect(ids(site.alertsForPlace("sabha"))).toEqual(["clinic-closed", "fezzan-road"]);
    expect(ids(site.alertsForPlace("libya"))).toEqual(["clinic-closed"]);
    expect(ids(site.alertsForPlace("tripoli"))).toEqual([]);
  });

  it("an organisation page: alerts naming it or one of its services; a listing: those naming a service in it", () => {
    expect(ids(site.alertsForOrganization("org-ngo-a"))).toEqual(["clinic-closed", "ngo-a-strike"]);
    expect(ids(site.alertsForOrganization("org-ngo-b"))).toEqual([]);
    expect(ids(site.alertsForServices([clinic, legal]))).toEqual(["clinic-closed"]);
  });

  it("gives a feed to every place with a page", () => {
    expect(site.alertFeedPlaces.sort()).toEqual(["fezzan", "libya", "sabha", "tripoli"]);
  });

  it("closes the service through its last day in Libya, and not after", () => {
    const closure = [alert("clinic-closed", { services: [{ id: clinic.id, slug: clinic.slug }], closedUntil: "2026-12-20" })];
    const at = (instant: string) => buildSite(snapshot(closure), new Date(instant)).closedUntil(clinic);
    expect(at("2026-12-10T10:00:00+02:00")).toBe("2026-12-20");
    expect(at("2026-12-20T23:59:00+02:00")).toBe("2026-12-20");
    // 22:30 UTC on the 20th is already the 21st in Libya.
    expect(at("2026-12-20T22:30:00Z")).toBeNull();
    // Not before it starts, and only for the services it names.
    expect(at("2026-12-01T07:00:00+02:00")).toBeNull();
    expect(buildSite(snapshot(closure), new Date("2026-12-10T10:00:00+02:00")).closedUntil(legal)).toBeNull();
  });
});
