import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentValidationError, contentFolder, loadContent } from "@start/db";

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

  it("fails on a bad phone number", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].phones = [{ number: "091 234 5678", type: "voice" }];
    });
    expect(issuesOf(folder)).toContainEqual(expect.stringMatching(/phones\.0\.number: a phone number in E\.164 form/));
  });

  it("fails on a bad date, and on a deadline before publication", () => {
    const folder = copy();
    editYaml(firstDirectoryFile(folder), (data) => {
      data.services[0].verified.on = "2026-13-45";
    });
    const vacancy = loadContent(contentFolder).vacancies[0]!;
    editYaml(path.join(folder, vacancy.file), (data) => {
      data.deadline = "2020-01-01";
    });
    const issues = issuesOf(folder);
    expect(issues).toContainEqual(expect.stringMatching(/verified\.on: a date as YYYY-MM-DD/));
    expect(issues).toContainEqual(expect.stringMatching(/deadline: the deadline precedes the publication date/));
  });
});
