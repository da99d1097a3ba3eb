import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { PhoneRecord } from "../data/types.js";

/** "+218 91 234 5678": easier to read and to copy than the bare E.164 form. */
export function displayNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** A mobile number can take a text message; a landline or a short hotline cannot. */
export function canTakeSms(e164: string): boolean {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === "MOBILE" || type === "FIXED_LINE_OR_MOBILE";
}

export function telHref(e164: string, extension?: string | null): string {
  return `tel:${e164}${extension ? `;ext=${extension}` : ""}`;
}

export function smsHref(e164: string): string {
  return `sms:${e164}`;
}

/** WhatsApp's own click-to-chat link: a plain link, opened by the app; nothing is loaded from it. */
export function whatsAppHref(e164: string): string {
  return `https://wa.me/${e164.replace(/\D/g, "")}`;
}

export function whatsAppShareHref(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** Opens the phone's own map app at the point (RFC 5870), with a label where the app shows one. */
export function geoHref(latitude: number, longitude: number, label?: string): string {
  const point = `${latitude},${longitude}`;
  return `geo:${point}?q=${point}${label ? encodeURIComponent(`(${label})`) : ""}`;
}

/** Phones without duplicates (the same number and type listed on a service and on its location). */
export function uniquePhones(...lists: PhoneRecord[][]): PhoneRecord[] {
  const seen = new Set<string>();
  const out: PhoneRecord[] = [];
  for (const phone of lists.flat()) {
    const key = `${phone.type}:${phone.number}:${phone.extension ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(phone);
  }
  return out;
}
