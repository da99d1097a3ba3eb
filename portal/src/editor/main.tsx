import { render } from "preact";
import { App } from "./app.js";
import { createI18n } from "./i18n.js";

/**
 * Mounts the editor on the page's #editor-root, with the locale's strings from the page's JSON
 * block (no inline script runs: this module is an external file).
 */
const root = document.getElementById("editor-root");
const stringsBlock = document.getElementById("editor-strings");
if (root && stringsBlock) {
  const locale = root.dataset.locale ?? document.documentElement.lang;
  const locales = (root.dataset.locales ?? locale).split(" ").filter(Boolean);
  const i18n = createI18n(locale, JSON.parse(stringsBlock.textContent ?? "{}") as Record<string, unknown>);
  root.textContent = "";
  render(<App i18n={i18n} locales={locales} view={root.dataset.view ?? "app"} />, root);
}
