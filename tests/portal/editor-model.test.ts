import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyService, type ServiceValues, serviceToForm, serviceToInput } from "../../portal/src/editor/services/model.js";
import { untranslatedPaths } from "../../portal/src/editor/texts.js";
import { dataOf, startTestApi, type TestApi } from "../support/api.js";
import { testDriver } from "../support/database.js";
import { WHOLE_DATASET } from "../support/budgets.js";

/**
 * The editor sends a whole service back on every save (an update replaces the record), so its form
 * must carry every value the API gives it: each shipped service, turned into the form and back
 * into ServiceInput, is saved unchanged.
 */
const LOCALES = ["ar", "en", "fr"];
const PHONE = "number extension type languages descriptions { locale text }";
const SCHEDULE = "validFrom validTo periods { weekday opensAt closesAt } notes { locale text }";
const VALUES = `slug status cost audiences languages minimumAge maximumAge url email confidentialAddress categoryIds
  sources { title url published accessed }
  texts { locale name alternateName description eligibilityDescription applicationProcess feesDescription requiredDocuments }
  phones { ${PHONE} } schedules { ${SCHEDULE} }
  locations { locationId placeId locationType latitude longitude postalCode
    texts { locale name address description transportation accessibility }
    locationPhones { ${PHONE} } locationSchedules { ${SCHEDULE} } phones { ${PHONE} } schedules { ${SCHEDULE} } }`;

describe(`editor service form round trip (${testDriver})`, () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({}, { content: "content" });
    await api.fixtures.user({ key: "admin", roles: [{ role: "admin" }] });
    token = await api.fixtures.session("admin");
  });

  afterAll(async () => {
    await api?.close();
  });

  it("saves every shipped service through the form without changing it", WHOLE_DATASET, async () => {
    const { editorListings } = dataOf(await api.graphqlAs(token, `{ editorListings(kinds: [SERVICE]) { id } }`));
    expect(editorListings.length).toBeGreaterThan(50);
    let datedSources = 0;
    let locationContacts = 0;
    for (const { id } of editorListings as { id: string }[]) {
      const before = dataOf(await api.graphqlAs(token, `query ($id: ID!) { editableService(id: $id) { version form { ${VALUES} } } }`, { id })).editableService;
      datedSources += before.form.sources.filter((source: { published: string | null }) => source.published).length;
      locationContacts += before.form.locations.reduce(
        (sum: number, location: { locationPhones: unknown[]; locationSchedules: unknown[] }) => sum + location.locationPhones.length + location.locationSchedules.length,
        0,
      );
      const input = serviceToInput(serviceToForm(before.form, LOCALES));
      const saved = await api.graphqlAs(
        token,
        `mutation ($id: ID!, $v: Int!, $input: ServiceInput!) { updateService(id: $id, expectedVersion: $v, input: $input) { version pendingChanges { id } current { ${VALUES} } } }`,
        { id, v: before.version, input },
      );
      const after = dataOf(saved).updateService;
      expect(after.pendingChanges, id).toBeNull();
      // Locations the save created again would have new ids; everything else is as it was.
      expect(after.current, id).toEqual(before.form);
    }
    // The sources' own dates went through the form too (the shipped directory dates many of them).
    expect(datedSources).toBeGreaterThan(10);
    // And so did the locations' own phones and hours (a few shipped locations have them).
    expect(locationContacts).toBeGreaterThan(2);
  });

  it("counts, per language, the texts written in another language and missing in it", () => {
    const form = emptyService(LOCALES);
    form.texts.ar!.name = "عيادة";
    form.texts.ar!.description = "فحوص مجانية";
    form.texts.en!.name = "Clinic";
    // Only what the test needs of ServiceValues: serviceToForm fills in the rest.
    const values = { locations: [{ placeId: "x", texts: [{ locale: "fr", address: "Rue 1" }] }] } as unknown as ServiceValues;
    form.locations.push({ ...serviceToForm(values, LOCALES).locations[0]! });
    expect(untranslatedPaths(form, LOCALES)).toEqual({
      ar: ["locations.0.texts.ar.address"],
      en: ["texts.en.description", "locations.0.texts.en.address"],
      fr: ["texts.fr.name", "texts.fr.description"],
    });
  });
});
