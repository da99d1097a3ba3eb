/// <reference types="astro/client" />
import { parseYaml } from "@start/db/yaml";
import source from "../../../content/emergency.yaml?raw";

/**
 * Emergency and hotline numbers (content/emergency.yaml), bundled into the build: they are not
 * directory records and do not go through the API. The content tests validate the file.
 */
export interface EmergencyNumber {
  key: string;
  country: string;
  kind: string;
  dial: string;
  international?: string;
  sms: boolean;
  free?: boolean;
  alwaysOpen: boolean;
  languages: string[];
  sample: boolean;
  verified: string;
  name: Record<string, string>;
  description?: Record<string, string>;
  availability?: Record<string, string>;
}

interface RawEntry {
  key: string;
  country: string;
  kind: string;
  dial: string | number;
  international?: string;
  sms?: boolean;
  free?: boolean;
  always_open?: boolean;
  languages?: string[];
  sample?: boolean;
  verified: string;
  name: Record<string, string>;
  description?: Record<string, string>;
  availability?: Record<string, string>;
}

export function emergencyNumbers(): EmergencyNumber[] {
  const entries = (parseYaml(source) as RawEntry[] | null) ?? [];
  return entries.map((entry) => ({
    key: entry.key,
    country: entry.country,
    kind: entry.kind,
    dial: String(entry.dial),
    international: entry.international,
    sms: entry.sms ?? false,
    free: entry.free,
    alwaysOpen: entry.always_open ?? false,
    languages: entry.languages ?? [],
    sample: entry.sample ?? false,
    verified: String(entry.verified),
    name: entry.name,
    description: entry.description,
    availability: entry.availability,
  }));
}
