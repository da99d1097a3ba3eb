import { isPhoneNumber } from "../rules/index.js";
import { SAMPLE_EMAIL, SAMPLE_PHONE, SAMPLE_WEB_HOST } from "./schema.js";

/** A phone number, e-mail address or web address found in an entry, with where it is. */
export interface Contact {
  kind: "phone" | "email" | "url";
  value: string;
  path: string;
}

/**
 * Checks one contact against the sample rule: a sample entry uses only sample forms
 * (+2180000NNNN, …@example.org, example.org addresses), a real entry never does, and a real
 * phone number must be a number that exists in its country's numbering plan.
 * Returns the problem, or undefined.
 */
export function contactProblem(contact: Contact, sample: boolean): string | undefined {
  const isSampleForm = sampleForm(contact);
  if (isSampleForm === undefined) return undefined;
  if (sample && !isSampleForm) {
    return contact.kind === "phone"
      ? `a sample entry's phone number must have the form +2180000NNNN, not ${contact.value}`
      : contact.kind === "email"
        ? `a sample entry's e-mail address must be at example.org, not ${contact.value}`
        : `a sample entry's web address must be at example.org, not ${contact.value}`;
  }
  if (!sample && isSampleForm) return `${contact.value} is a sample ${contact.kind === "url" ? "address" : contact.kind}, but the entry is not a sample`;
  if (!sample && contact.kind === "phone" && !isPhoneNumber(contact.value)) {
    return `${contact.value} is not a valid phone number in its country's numbering plan`;
  }
  return undefined;
}

/** Whether a contact has the sample form; undefined when the value says nothing either way (a tel: or mailto: link is judged by its target). */
function sampleForm(contact: Contact): boolean | undefined {
  if (contact.kind === "phone") return SAMPLE_PHONE.test(contact.value);
  if (contact.kind === "email") return SAMPLE_EMAIL.test(contact.value);
  const value = contact.value;
  if (value.startsWith("tel:")) return SAMPLE_PHONE.test(value.slice(4));
  if (value.startsWith("mailto:")) return SAMPLE_EMAIL.test(value.slice(7));
  try {
    return SAMPLE_WEB_HOST.test(new URL(value).hostname);
  } catch {
    return undefined;
  }
}

/** The contacts of a list of phone entries. */
export function phoneContacts(phones: { number: string }[], at: string): Contact[] {
  return phones.map((phone, index) => ({ kind: "phone" as const, value: phone.number, path: `${at}.${index}.number` }));
}

/** A contact list built from optional fields: [["url", value, path], …] without the absent ones. */
export function optionalContacts(fields: [Contact["kind"], string | undefined, string][]): Contact[] {
  return fields.filter(([, value]) => value !== undefined).map(([kind, value, path]) => ({ kind, value: value!, path }));
}
