import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentValidationError, contentFolder, loadContent } from "@start/db";
import { contentDate, testToday } from "../support/content-date.js";

/** A scratch copy of content/ that a test may break. */
function scratchCopy(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "start-content-"));
  cpSync(contentFolder, folder, { recursive: true });
  return folder;
}

function editYaml(file: string, edit: (data: any) => void): void {
  const data = parse(readFileSync(file, "utf8"));
  edit(data);
  writeFileSync(file, stringify(data));
}

function editJson(file: string, edit: (data: any) => void): void {
  const data = JSON.parse(readFileSync(file, "utf8"));
  edit(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

function issuesOf(folder: string): string[] {
  try {
    loadContent(folder);
  } catch (error) {
    if (error instanceof ContentValidationError) return error.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const firstDirectoryFile = (folder: string) => {
  const bundle = loadContent(folder);
  return path.join(folder, bundle.directory[0]!.file);
};

/** The directory file of the first organization that is (or is not) a sample and has a service. */
const directoryFile = (folder: string, sample: boolean) => {
  const located = loadContent(folder).directory.find((d) => d.entry.organization.sample === sample && d.entry.services.length > 0)!;
  return path.join(folder, located.file);
};

describe("content/ validation", () => {
  const scratch: string[] = [];
  const copy = () => {
    const folder = scratchCopy();
    scratch.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("accepts the content the project ships", () => {
    expect(issuesOf(contentFolder)).toEqual([]);
  });

  it("fails on a missing locale", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => delete data.services[0].name.fr);
    expect(issuesOf(folder)).toEqual([expect.stringMatching(/services\.0\.name: missing the fr text/)]);
  });

  it("fails on a rights article without one of its locale files", () => {
    const folder = copy();
    const article = loadContent(folder).rights[0]!;
    rmSync(path.join(folder, "rights", article.slug, "fr.md"));
    expect(issuesOf(folder)).toEqual([expect.stringMatching(/missing the fr text \(fr\.md\)/)]);
  });

  it("fails on a missing source for an entry that is not a sample", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].sample = false;
      data.services[0].sources = [];
    });
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/services\.0\.sources: an entry that is not a sample needs a source/));
  });

  it("fails on a missing source for a real rights article, vacancy or emergency number", () => {
    const folder = copy();
    const bundle = loadContent(folder);
    editYaml(path.join(folder, bundle.rights[0]!.file), (data) => (data.sources = []));
    editYaml(path.join(folder, bundle.vacancies[0]!.file), (data) => {
      data.sample = false;
      data.sources = [];
      delete data.apply_url;
      delete data.apply_email;
      delete data.apply_phone;
    });
    editYaml(path.join(folder, "emergency.yaml"), (data) => (data[0].sources = []));
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^rights\/.*article\.yaml sources: an entry that is not a sample needs a source/));
    expect(issues).toContainEqual(expect.stringMatching(/^vacancies\/.* sources: an entry that is not a sample needs a source/));
    expect(issues).toContainEqual(expect.stringMatching(/^emergency\.yaml .*\.sources: an entry that is not a sample needs a source/));
  });

  it("fails on an unknown category or place", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].categories = ["teleportation"];
      data.locations[0].place = "atlantis";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/unknown category teleportation/));
    expect(issues).toContainEqual(expect.stringMatching(/unknown place atlantis/));
  });

  it("fails on an unknown place in a vacancy, an alert, a rights article or an emergency number", () => {
    const folder = copy();
    const bundle = loadContent(folder);
    editYaml(path.join(folder, bundle.vacancies[0]!.file), (data) => (data.place = "atlantis"));
    editYaml(path.join(folder, "alerts.yaml"), (data) => (data[1].places = ["el-dorado"]));
    editYaml(path.join(folder, bundle.rights[0]!.file), (data) => (data.country = "tripoli"));
    editYaml(path.join(folder, "emergency.yaml"), (data) => (data[0].country = "lemuria"));
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^vacancies\/.* place: unknown place atlantis/));
    expect(issues).toContainEqual(expect.stringMatching(/^alerts\.yaml .*\.places\.0: unknown place el-dorado/));
    expect(issues).toContainEqual(expect.stringMatching(/country: tripoli is not a country/));
    expect(issues).toContainEqual(expect.stringMatching(/^emergency\.yaml .*\.country: unknown place lemuria/));
  });

  it("checks what an alert concerns and its closure: unknown slugs, an end before the start, a closure without a date or a service", () => {
    const folder = copy();
    editYaml(path.join(folder, "alerts.yaml"), (data) => {
      data.push(
        { key: "test-unknown-targets", places: ["sabha", "atlantis"], organizations: ["no-such-ngo"], services: ["no-such-service"], valid_from: "2026-11-01", sample: true, title: { ar: "أ", en: "A", fr: "A" } },
        { key: "test-ends-before-start", valid_from: "2026-11-10", valid_until: "2026-11-09", sample: true, title: { ar: "ب", en: "B", fr: "B" } },
        { key: "test-closure-without-date", services: ["sample-sabha-primary-care-clinic"], closure: true, valid_from: "2026-11-01", sample: true, title: { ar: "ج", en: "C", fr: "C" } },
        { key: "test-closure-without-service", places: ["sabha"], closure: true, closed_until: "2026-12-01", valid_from: "2026-11-01", sample: true, title: { ar: "د", en: "D", fr: "D" } },
        { key: "test-closure-before-start", services: ["sample-sabha-primary-care-clinic"], closure: true, closed_until: "2026-10-01", valid_from: "2026-11-01", sample: true, title: { ar: "ه", en: "E", fr: "E" } },
        { key: "test-alert-ends-before-closure", services: ["sample-sabha-primary-care-clinic"], closure: true, closed_until: "2026-12-20", valid_from: "2026-11-01", valid_until: "2026-12-19", sample: true, title: { ar: "و", en: "F", fr: "F" } },
        { key: "test-date-without-closure", services: ["sample-sabha-primary-care-clinic"], closed_until: "2026-12-20", valid_from: "2026-11-01", sample: true, title: { ar: "ز", en: "G", fr: "G" } },
      );
    });
    const issues = issuesOf(folder).filter((issue) => issue.includes("test-"));
    expect(issues).toEqual([
      "alerts.yaml test-unknown-targets.places.1: unknown place atlantis",
      "alerts.yaml test-unknown-targets.organizations.0: unknown organization no-such-ngo",
      "alerts.yaml test-unknown-targets.services.0: unknown service no-such-service",
      "alerts.yaml test-ends-before-start.valid_until: ends before it starts",
      "alerts.yaml test-closure-without-date.closed_until: a closure needs the last day the services are closed (closed_until: YYYY-MM-DD)",
      "alerts.yaml test-closure-without-service.services: a closure closes services: name at least one",
      "alerts.yaml test-closure-before-start.closed_until: the closure ends before the alert starts",
      "alerts.yaml test-alert-ends-before-closure.valid_until: the alert ends before the closure does: leave valid_until out (it then ends with the closure), or make it closed_until or later",
      "alerts.yaml test-date-without-closure.closed_until: closed_until goes with closure: true",
    ]);
  });

  it("accepts a closure of a service until a day, the alert ending with it or later", () => {
    const folder = copy();
    editYaml(path.join(folder, "alerts.yaml"), (data) => {
      data.push(
        { key: "test-closure", services: ["sample-sabha-primary-care-clinic"], organizations: ["sample-southern-health-network"], closure: true, closed_until: "2026-12-20", valid_from: "2026-11-01T08:00:00+02:00", sample: true, title: { ar: "أ", en: "A", fr: "A" } },
        { key: "test-closure-longer", services: ["sample-sabha-primary-care-clinic"], closure: true, closed_until: "2026-12-20", valid_from: "2026-12-20", valid_until: "2026-12-20T18:00:00+02:00", sample: true, title: { ar: "ب", en: "B", fr: "B" } },
      );
    });
    expect(issuesOf(folder)).toEqual([]);
  });

  it("fails on a bad phone number", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].phones = [{ number: "091 234 5678", type: "voice" }];
    });
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/phones\.0\.number: a phone number in E\.164 form/));
  });

  it("fails on a real entry's number that has the E.164 shape but is not in its country's numbering plan", () => {
    const folder = copy();
    editYaml(directoryFile(folder, false), (data) => {
      data.services[0].phones = [{ number: "+21891234567", type: "voice" }];
    });
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/\+21891234567 is not a valid phone number/));
  });

  it("fails on an age above 120, the maximum START's rules allow everywhere", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].minimum_age = 18;
      data.services[0].maximum_age = 130;
    });
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/services\.0\.maximum_age: an age from 0 to 120/));
  });

  it("fails on an e-mail address, a web address or a link START's rules refuse", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.organization.website = "ftp://files.example.org";
      data.services[0].email = "desk@example";
      data.services[0].url = "javascript:alert(1)";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/organization\.website: an http\(s\) URL/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.email: an e-mail address/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.url: a link starting with http:\/\/, https:\/\/, tel: or mailto:/));
  });

  it("fails on a bad date, and on a deadline before publication", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      // A listing compiled from public sources has no 'verified'; give it one to break.
      data.services[0].verified = { on: "2026-13-45", by: "test" };
    });
    const vacancy = loadContent(contentFolder).vacancies[0]!;
    editYaml(path.join(folder, vacancy.file), (data) => {
      data.deadline = "2020-01-01";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/verified\.on: a date as YYYY-MM-DD/));
    expect(issues).toContainEqual(expect.stringMatching(/deadline: the deadline precedes the publication date/));
  });

  it("fails on verification, review, publication and consultation dates in the future", () => {
    const folder = copy();
    const bundle = loadContent(folder);
    const nextYear = `${Number(testToday().slice(0, 4)) + 1}-01-15`;
    editYaml(directoryFile(folder, false), (data) => {
      data.services[0].verified = { on: nextYear, by: "test" };
      data.services[0].sources[0].accessed = nextYear;
    });
    editYaml(path.join(folder, bundle.rights[0]!.file), (data) => (data.reviewed = nextYear));
    editYaml(path.join(folder, bundle.vacancies[0]!.file), (data) => {
      data.published = nextYear;
      data.deadline = `${Number(testToday().slice(0, 4)) + 2}-01-01`;
    });
    editYaml(path.join(folder, "emergency.yaml"), (data) => (data[0].verified = nextYear));
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.verified\.on: a verification date in the future/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.sources\.0\.accessed: a consultation date in the future/));
    expect(issues).toContainEqual(expect.stringMatching(/reviewed: a review date in the future/));
    expect(issues).toContainEqual(expect.stringMatching(/published: a publication date in the future/));
    expect(issues).toContainEqual(expect.stringMatching(/^emergency\.yaml .*\.verified: a verification date in the future/));
  });

  it("fails on a source dated after it was read or in the future, and on a source title longer than the editor accepts", () => {
    const dates = copy();
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-15`;
    editYaml(directoryFile(dates, false), (data) => {
      data.services[0].sources = [
        { title: "Dated after it was read", url: "https://example.org/a", published: "2025-03-12", accessed: "2025-03-01" },
        { title: "Dated next year", url: "https://example.org/b", published: nextYear },
      ];
    });
    const issues = issuesOf(dates);
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.sources\.0\.published: a source dated after it was read/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.sources\.1\.published: a source date in the future/));

    const long = copy();
    editYaml(directoryFile(long, false), (data) => {
      data.services[0].sources[0].title = "x".repeat(301);
    });
    expect(issuesOf(long)).toContainEqual(expect.stringMatching(/services\.0\.sources\.0\.title: at most 300 characters/));
  });

  it("reports a file it does not know instead of ignoring it", () => {
    const folder = copy();
    writeFileSync(path.join(folder, "directory", "typo.yml"), "organization: {}\n");
    writeFileSync(path.join(folder, "notes.txt"), "stray\n");
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^directory\/typo\.yml : a file START does not load/));
    expect(issues).toContainEqual(expect.stringMatching(/^notes\.txt : a file START does not load/));
  });

  it("keeps each organization in the file named after it", () => {
    const folder = copy();
    const file = firstDirectoryFile(folder);
    cpSync(file, path.join(folder, "directory", "renamed-copy.yaml"));
    rmSync(file);
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/must be directory\/.*\.yaml/));
  });

  it("reports broken front matter in a rights text as a problem, not a crash", () => {
    const folder = copy();
    const article = loadContent(folder).rights[0]!;
    const file = path.join(folder, "rights", article.slug, "en.md");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: Broken: front matter: here"));
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/en\.md : front matter is not valid YAML/));
  });

  it("requires every rights text to point to the legal-aid services", () => {
    const folder = copy();
    const article = loadContent(folder).rights[0]!;
    const file = path.join(folder, "rights", article.slug, "ar.md");
    writeFileSync(file, readFileSync(file, "utf8").replaceAll("/ar/services/?category=legal_aid", "/ar/services/"));
    expect(issuesOf(folder)).toEqual([expect.stringMatching(/ar\.md : the text must say it is general information, not legal advice/)]);
  });
});

describe("sample contact details", () => {
  const scratch: string[] = [];
  const copy = () => {
    const folder = scratchCopy();
    scratch.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("every sample phone, e-mail and web address in the shipped content has the sample form", () => {
    const bundle = loadContent();
    const phones: string[] = [];
    const emails: string[] = [];
    const urls: string[] = [];
    for (const { entry } of bundle.directory.filter((d) => d.entry.organization.sample)) {
      const org = entry.organization;
      if (org.website) urls.push(org.website);
      if (org.email) emails.push(org.email);
      phones.push(...org.phones.map((p) => p.number), ...entry.locations.flatMap((l) => l.phones.map((p) => p.number)));
      for (const service of entry.services) {
        if (service.url) urls.push(service.url);
        if (service.email) emails.push(service.email);
        phones.push(...service.phones.map((p) => p.number), ...service.locations.flatMap((l) => l.phones.map((p) => p.number)));
      }
    }
    for (const { entry } of bundle.vacancies.filter((v) => v.entry.sample)) {
      if (entry.apply_phone) phones.push(entry.apply_phone);
      if (entry.apply_email) emails.push(entry.apply_email);
      if (entry.apply_url) urls.push(entry.apply_url);
    }
    expect(phones.length).toBeGreaterThan(20);
    for (const phone of phones) expect(phone).toMatch(/^\+2180000\d{4}$/);
    for (const email of emails) expect(email).toMatch(/@example\.org$/);
    for (const url of urls) expect(new URL(url).hostname).toMatch(/(^|\.)example\.org$/);
  });

  it("no real entry uses a sample phone, e-mail or address", () => {
    const text = loadContent()
      .directory.filter((d) => !d.entry.organization.sample)
      .map((d) => readFileSync(path.join(contentFolder, d.file), "utf8"))
      .join("\n");
    expect(text).not.toMatch(/\+2180000\d{4}/);
    expect(text).not.toMatch(/example\.org/);
  });

  it("fails when a sample service has a phone number that could be real", () => {
    const folder = copy();
    editYaml(directoryFile(folder, true), (data) => {
      data.services[0].phones = [{ number: "+218912345678", type: "voice" }];
    });
    expect(issuesOf(folder)).toContainEqual(
      expect.stringMatching(/services\.0\.phones\.0\.number: a sample entry's phone number must have the form \+2180000NNNN/),
    );
  });

  it("fails when a sample organization or location has a real-looking web address, e-mail or phone", () => {
    const folder = copy();
    editYaml(directoryFile(folder, true), (data) => {
      data.organization.website = "https://www.who.int";
      data.organization.email = "contact@who.int";
      data.locations[0].phones = [{ number: "+218213334444", type: "voice" }];
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/organization\.website: a sample entry's web address must be at example\.org/));
    expect(issues).toContainEqual(expect.stringMatching(/organization\.email: a sample entry's e-mail address must be at example\.org/));
    expect(issues).toContainEqual(expect.stringMatching(/locations\.0\.phones\.0\.number: a sample entry's phone number/));
  });

  it("fails when a real entry uses a sample phone number, e-mail or web address", () => {
    const folder = copy();
    editYaml(directoryFile(folder, false), (data) => {
      data.services[0].phones = [{ number: "+21800001234", type: "voice" }];
      data.services[0].email = "someone@example.org";
      data.services[0].url = "https://demo.example.org/page";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/phones\.0\.number: \+21800001234 is a sample phone, but the entry is not a sample/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.email: someone@example\.org is a sample email, but the entry is not a sample/));
    expect(issues).toContainEqual(expect.stringMatching(/services\.0\.url: .* is a sample address, but the entry is not a sample/));
  });

  it("fails when a sample vacancy gives a real-looking way to apply", () => {
    const folder = copy();
    const vacancy = loadContent(folder).vacancies.find((v) => v.entry.sample)!;
    editYaml(path.join(folder, vacancy.file), (data) => {
      data.apply_phone = "+218912345678";
      data.apply_email = "jobs@health.gov.ly";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/apply_phone: a sample entry's phone number/));
    expect(issues).toContainEqual(expect.stringMatching(/apply_email: a sample entry's e-mail address/));
  });

  it("keeps samples and real entries apart: no sample service under a real organization, and the reverse", () => {
    const folder = copy();
    const real = directoryFile(folder, false);
    const sample = directoryFile(folder, true);
    editYaml(real, (data) => (data.services[0].sample = true));
    editYaml(sample, (data) => (data.services[0].sample = false));
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/a real organization lists only real services/));
    expect(issues).toContainEqual(expect.stringMatching(/a sample organization offers only sample services/));
  });

  it("publishes sample vacancies under sample organizations only, never under a real ministry's name", () => {
    const bundle = loadContent();
    const samples = new Set(bundle.directory.filter((d) => d.entry.organization.sample).map((d) => d.entry.organization.slug));
    for (const vacancy of bundle.vacancies) expect({ vacancy: vacancy.slug, sampleOrganization: samples.has(vacancy.entry.organization) }).toEqual({ vacancy: vacancy.slug, sampleOrganization: vacancy.entry.sample });
    const folder = copy();
    editYaml(path.join(folder, "vacancies", "sample-nurses-sabha-medical-centre.yaml"), (data) => (data.organization = "libya-ministry-of-health"));
    expect(issuesOf(folder)).toContainEqual(
      "vacancies/sample-nurses-sabha-medical-centre.yaml organization: a sample vacancy is published by a sample organization, never under a real one's name (libya-ministry-of-health)",
    );
  });
});

describe("UI strings", () => {
  const scratch: string[] = [];
  const copy = () => {
    const folder = scratchCopy();
    scratch.push(folder);
    return folder;
  };
  afterEach(() => {
    for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const i18n = (folder: string, locale: string) => path.join(folder, "i18n", `${locale}.json`);

  /** Flattened keys of a strings tree. */
  function flatten(tree: Record<string, unknown>, prefix = ""): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      const at = prefix ? `${prefix}.${key}` : key;
      if (typeof value === "string") out.set(at, value);
      else for (const [k, v] of flatten(value as Record<string, unknown>, at)) out.set(k, v);
    }
    return out;
  }

  it("the shipped files have the same keys, full plural sets for each locale and no empty string", () => {
    const locales = loadContent().locales.map((l) => l.code);
    const PLURAL = /_(zero|one|two|few|many|other)$/;
    const shapes = locales.map((locale) => {
      const strings = flatten(JSON.parse(readFileSync(i18n(contentFolder, locale), "utf8")));
      const plain = new Set<string>();
      const plurals = new Map<string, Set<string>>();
      for (const key of strings.keys()) {
        const match = PLURAL.exec(key);
        if (match) {
          const base = key.slice(0, match.index);
          plurals.set(base, (plurals.get(base) ?? new Set()).add(match[1]!));
        } else plain.add(key);
      }
      return { locale, strings, plain, plurals };
    });
    const [first, ...others] = shapes;
    expect(first!.plain.size).toBeGreaterThan(300);
    expect(first!.plurals.size).toBeGreaterThan(15);
    for (const other of others) {
      expect([...other.plain].sort()).toEqual([...first!.plain].sort());
      expect([...other.plurals.keys()].sort()).toEqual([...first!.plurals.keys()].sort());
    }
    for (const { locale, strings, plurals } of shapes) {
      const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      for (const [base, have] of plurals) expect({ base, categories: [...have].sort() }).toEqual({ base, categories });
      for (const [key, text] of strings) expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
    }
    // Arabic has all six forms.
    expect(shapes.find((s) => s.locale === "ar")!.plurals.get("services.count")).toEqual(new Set(["zero", "one", "two", "few", "many", "other"]));
  });

  it("has a label for every rights topic, vacancy sector, language and enumeration value in use", () => {
    const bundle = loadContent();
    for (const locale of bundle.locales.map((l) => l.code)) {
      const strings = flatten(JSON.parse(readFileSync(i18n(contentFolder, locale), "utf8")));
      for (const article of bundle.rights) expect(strings.has(`rights.topics.${article.meta.topic}`), `${locale}: ${article.meta.topic}`).toBe(true);
      for (const vacancy of bundle.vacancies) expect(strings.has(`jobs.sectors.${vacancy.entry.sector}`), `${locale}: ${vacancy.entry.sector}`).toBe(true);
      for (const service of bundle.directory.flatMap((d) => d.entry.services)) {
        for (const language of service.languages) expect(strings.has(`languages.${language}`), `${locale}: ${language}`).toBe(true);
      }
      for (const weekday of ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]) expect(strings.has(`enums.weekday.${weekday}`)).toBe(true);
    }
  });

  it("fails on a key missing in one locale, and on a key only one locale has", () => {
    const folder = copy();
    editJson(i18n(folder, "fr"), (data) => {
      delete data.nav.jobs;
      data.nav.onlyInFrench = "Seulement en français";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json nav\.jobs: missing \(present in ar\)/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json nav\.onlyInFrench: not in ar/));
  });

  it("fails on an incomplete Arabic plural set and on a plural form the locale does not have", () => {
    const folder = copy();
    editJson(i18n(folder, "ar"), (data) => delete data.services.count_few);
    editJson(i18n(folder, "en"), (data) => (data.services.count_few = "{{count}} services"));
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/ar\.json services\.count_few: missing: ar needs the plural form "few"/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/en\.json services\.count_few: "few" is not a plural category of en/));
  });

  it("fails on French punctuation without its narrow no-break space (U+202F) before : ; ? ! and inside « », and accepts links, link schemes, times and commands", () => {
    const folder = copy();
    editJson(i18n(folder, "fr"), (data) => {
      data.common.lastUpdated = "Dernière mise à jour: {{date}}";
      data.home.searchLabel = "Que cherchez-vous ?";
      data.search.resultsFor = "Résultats pour « {{query}} »";
      data.common.shownInOtherLanguage = "Pas encore dans votre langue; affiché en {{language}}.";
      data.errors.invalidUrl = "Ce lien n'est pas valide. Il doit commencer par https://, tel: ou mailto:, comme à 9:30 (pnpm db:seed)\u202f!";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json common\.lastUpdated: needs a narrow no-break space \(U\+202F\) before ":"/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json home\.searchLabel: needs a narrow no-break space \(U\+202F\) before "\?"/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json search\.resultsFor: needs a narrow no-break space \(U\+202F\) after "«"/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json search\.resultsFor: needs a narrow no-break space \(U\+202F\) before "»"/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json common\.shownInOtherLanguage: needs a narrow no-break space \(U\+202F\) before ";"/));
    expect(issues.filter((issue) => issue.includes("errors.invalidUrl"))).toEqual([]);
    // English and Arabic write these marks without a space.
    expect(issues.filter((issue) => /^i18n\/(ar|en)\.json/.test(issue))).toEqual([]);
  });

  it("fails on an empty string and on interpolation variables that differ between locales", () => {
    const folder = copy();
    editJson(i18n(folder, "en"), (data) => {
      data.common.close = "  ";
      data.common.callNumber = "Call {{phone}}";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/en\.json common\.close: is empty/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/en\.json common\.callNumber: uses the variables \{phone\} where ar uses \{number\}/));
  });

  it("fails when a rights topic, a vacancy sector or an enumeration value has no label", () => {
    const folder = copy();
    const bundle = loadContent(folder);
    editYaml(path.join(folder, bundle.rights[0]!.file), (data) => (data.topic = "brand-new-topic"));
    editYaml(path.join(folder, bundle.vacancies[0]!.file), (data) => (data.sector = "space-industry"));
    editJson(i18n(folder, "ar"), (data) => delete data.enums.audience.women);
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/ar\.json rights\.topics\.brand-new-topic: missing: a label/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json jobs\.sectors\.space-industry: missing: a label/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/ar\.json enums\.audience\.women: missing: a label/));
  });

  it("fails when a locale's UI strings file is missing or not JSON", () => {
    const folder = copy();
    rmSync(i18n(folder, "fr"));
    writeFileSync(i18n(folder, "en"), "{ not json");
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/fr\.json : missing: the UI strings of fr/));
    expect(issues).toContainEqual(expect.stringMatching(/^i18n\/en\.json : not valid JSON/));
  });
});

describe("what START ships meets the issue's bar", () => {
  const bundle = loadContent();
  const services = bundle.directory.flatMap((d) => d.entry.services);
  const placesBySlug = new Map(bundle.places.map((p) => [p.entry.slug, p.entry]));
  const countryOf = (slug: string): string => {
    let place = placesBySlug.get(slug)!;
    while (place.parent) place = placesBySlug.get(place.parent)!;
    return place.slug;
  };

  it("has the Libyan municipalities and host countries the issue names, with aliases people type", () => {
    const byName = new Map(bundle.places.map((p) => [p.entry.name.en!, p.entry]));
    for (const town of ["Tripoli", "Janzour", "Tajoura", "Zawiya", "Sabratha", "Zuwara", "Gharyan", "Misrata", "Bani Walid", "Sirte", "Tawergha", "Benghazi", "Ajdabiya", "Al Bayda", "Derna", "Tobruk", "Kufra", "Sabha", "Ubari", "Ghat", "Murzuq", "Qatroun"]) {
      const place = byName.get(town);
      expect(place, town).toBeDefined();
      expect(place!.country).toBe("LY");
      expect(place!.latitude).toBeTypeOf("number");
    }
    for (const country of ["Tunisia", "Egypt", "Türkiye", "Malta", "Italy", "Germany", "United Kingdom", "France", "Jordan", "United Arab Emirates", "Qatar", "Malaysia", "United States", "Canada", "Ireland"]) {
      const place = byName.get(country);
      expect(place?.kind, country).toBe("country");
      expect(bundle.places.some((p) => p.entry.parent === place!.slug && p.entry.kind === "city"), `${country} has cities`).toBe(true);
    }
    const aliases = (slug: string) => placesBySlug.get(slug)!.aliases;
    expect(aliases("tripoli")).toEqual(expect.arrayContaining(["Trablus", "Tarabulus"]));
    expect(aliases("sabha")).toContain("Sebha");
    expect(aliases("zuwara")).toContain("Zwara");
    expect(aliases("benghazi")).toContain("Bengasi");
  });

  it("has at least 60 services across at least 10 categories and 12 places, each with languages, and each real one with a dated source that has an address", () => {
    expect(services.length).toBeGreaterThanOrEqual(60);
    const topCategories = new Set(services.flatMap((s) => s.categories.map((c) => c.split(".")[0])));
    expect(topCategories.size).toBeGreaterThanOrEqual(10);
    const places = new Set(
      bundle.directory.flatMap((d) => d.entry.services.flatMap((s) => s.locations.map((l) => d.entry.locations.find((x) => x.key === l.location)!.place))),
    );
    expect(places.size).toBeGreaterThanOrEqual(12);
    for (const service of services) {
      expect(service.languages.length).toBeGreaterThan(0);
      // 'verified' means confirmed with the organisation itself, so most listings have none; a real
      // listing instead names a public source with an address and the date it was read.
      if (service.verified) expect(service.verified.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (!service.sample) {
        expect(
          service.sources.some((source) => source.url && (source.accessed ?? source.published)),
          `${service.slug} has a source with a url and a date`,
        ).toBe(true);
      }
    }
    expect(services.filter((s) => s.hours || s.locations.some((l) => l.hours)).length).toBeGreaterThanOrEqual(40);
    expect(services.filter((s) => !s.sample).length).toBeGreaterThanOrEqual(25);
  });

  it("lists the real organizations the issue names, each with a source", () => {
    const slugs = bundle.directory.filter((d) => !d.entry.organization.sample).map((d) => d.entry.organization.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(["iom-libya", "icmpd", "libyan-red-crescent", "unhcr-libya", "libya-ministry-of-labour", "libya-ministry-of-health", "libya-ncdc", "hnec"]),
    );
    const iomPlaces = bundle.directory.find((d) => d.entry.organization.slug === "iom-libya")!.entry.locations.map((l) => l.place);
    expect(iomPlaces).toEqual(expect.arrayContaining(["zuwara", "bani-walid", "sabha", "qatroun"]));
  });

  it("has at least 24 rights articles, for migrants in Libya and for Libyans abroad in at least six host countries", () => {
    expect(bundle.rights.length).toBeGreaterThanOrEqual(24);
    expect(bundle.rights.filter((a) => a.meta.country === "libya" && a.meta.audience !== "libyans_abroad").length).toBeGreaterThanOrEqual(10);
    const hostCountries = new Set(bundle.rights.filter((a) => a.meta.audience === "libyans_abroad" && a.meta.country !== "libya").map((a) => a.meta.country));
    expect(hostCountries.size).toBeGreaterThanOrEqual(6);
    for (const topic of ["residency", "work", "consular", "voting-abroad", "return"]) {
      expect(bundle.rights.some((a) => a.meta.audience === "libyans_abroad" && a.meta.topic === topic), topic).toBe(true);
    }
  });

  // The shape of the samples as of the content's own date, whatever day the suite runs.
  it("ships sample vacancies, mostly open, one or two closed, health first", () => {
    const today = contentDate(bundle);
    expect(bundle.vacancies.every((v) => v.entry.sample)).toBe(true);
    const closed = bundle.vacancies.filter((v) => v.entry.deadline < today);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    expect(closed.length).toBeLessThanOrEqual(2);
    expect(bundle.vacancies.filter((v) => v.entry.sector === "health").length).toBeGreaterThan(bundle.vacancies.length / 2);
  });

  it("ships alerts of which some are active and one has expired", () => {
    const now = new Date(`${contentDate(bundle)}T12:00:00+02:00`);
    const active = bundle.alerts.filter((a) => new Date(a.entry.valid_from) <= now && (!a.entry.valid_until || new Date(a.entry.valid_until) > now));
    const expired = bundle.alerts.filter((a) => a.entry.valid_until && new Date(a.entry.valid_until) <= now);
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(expired.length).toBe(1);
  });

  it("has emergency numbers for Libya and every host country with a rights article", () => {
    const countries = new Set(bundle.emergency.map((e) => e.entry.country));
    expect(countries).toContain("libya");
    for (const article of bundle.rights) expect(countries.has(countryOf(article.meta.country)), article.meta.country).toBe(true);
  });
});
