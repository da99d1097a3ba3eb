import type { Localized } from "../data/localize.js";
import { directionOf } from "../i18n/index.js";

/**
 * Small HTML snippets rendered as strings rather than as Astro components: icons and localised
 * texts appear tens of thousands of times in a build, and a component costs far more to render
 * than a string. Inserted with set:html on the enclosing element.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An icon of the sprite (public/icons.svg), decorative. */
export function icon(name: string, className?: string): string {
  return `<svg class="icon${className ? ` ${className}` : ""}" aria-hidden="true" focusable="false"><use href="/icons.svg#${escapeHtml(name)}"></use></svg>`;
}

/** A record's text, marked with its own lang/dir when it is not in the page's locale. */
export function localized(value: Localized<string> | null | undefined, locale: string): string {
  if (!value) return "";
  const text = escapeHtml(value.value);
  return value.locale === locale ? text : `<span lang="${value.locale}" dir="${directionOf(value.locale)}">${text}</span>`;
}

/** An icon followed by its label (buttons, navigation). */
export function iconLabel(name: string, label: string): string {
  return `${icon(name)}<span>${escapeHtml(label)}</span>`;
}

/** An icon, a label and a phone number or address kept left-to-right inside any text. */
export function iconLabelValue(name: string, label: string, value: string): string {
  return `${iconLabel(name, label)} <bdi dir="ltr" class="number">${escapeHtml(value)}</bdi>`;
}
