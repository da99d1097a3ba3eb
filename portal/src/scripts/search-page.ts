import type { SearchDocumentType, SearchIndexFile } from "../search/documents.js";
import { languagePipeline } from "../search/languages.js";
import { type LoadedIndex, loadIndex, search } from "../search/query.js";

/**
 * The search page: the locale's index is fetched on the first search only (the service worker
 * keeps it for offline use); results are grouped by type. Nothing typed leaves the phone.
 */
interface Strings {
  resultsFor: string;
  noResults: string;
  loading: string;
  network: string;
  groups: Record<SearchDocumentType, string>;
  results: Record<string, string>;
}

const form = document.querySelector<HTMLFormElement>("form[data-search]");
const input = form?.querySelector<HTMLInputElement>("input[name=q]");
const status = document.querySelector<HTMLElement>("[data-search-status]");
const results = document.querySelector<HTMLElement>("[data-search-results]");
const stringsElement = document.getElementById("search-strings");

if (form && input && status && results && stringsElement) {
  const strings = JSON.parse(stringsElement.textContent ?? "{}") as Strings;
  const locale = form.dataset.locale ?? "en";
  const plural = new Intl.PluralRules(locale);
  const MAX_PER_GROUP = 50;
  let loaded: Promise<LoadedIndex> | null = null;
  let latest = 0;

  const index = () =>
    (loaded ??= (async () => {
      status.textContent = strings.loading;
      const [response, pipeline] = await Promise.all([fetch(form.dataset.index!), languagePipeline(locale)]);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return loadIndex((await response.json()) as SearchIndexFile, pipeline);
    })().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));

  const render = (query: string, hits: ReturnType<typeof search>) => {
    results.replaceChildren();
    if (hits.length === 0) {
      status.textContent = strings.noResults.replace("{{query}}", query);
      return;
    }
    const count = (strings.results[plural.select(hits.length)] ?? strings.results.other ?? "").replace("{{count}}", String(hits.length));
    status.textContent = `${strings.resultsFor.replace("{{query}}", query)} – ${count}`;
    for (const type of ["s", "r", "j"] as const) {
      const group = hits.filter((hit) => hit.document.k === type);
      if (group.length === 0) continue;
      const section = document.createElement("section");
      const heading = document.createElement("h2");
      heading.textContent = `${strings.groups[type]} (${group.length})`;
      const list = document.createElement("ul");
      list.className = "cards";
      for (const { document: doc } of group.slice(0, MAX_PER_GROUP)) {
        const item = document.createElement("li");
        item.className = "card";
        const title = document.createElement("h3");
        title.className = "card-title";
        const link = document.createElement("a");
        link.href = `/${locale}/${doc.u}`;
        link.textContent = doc.t;
        if (doc.l) {
          link.lang = doc.l;
          link.dir = doc.l === "ar" ? "rtl" : "ltr";
        }
        title.append(link);
        const detail = document.createElement("p");
        detail.className = "card-meta";
        detail.textContent = doc.d;
        item.append(title, detail);
        list.append(item);
      }
      section.append(heading, list);
      results.append(section);
    }
  };

  const run = async (query: string) => {
    const ticket = ++latest;
    if (query.trim() === "") {
      results.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const loadedIndex = await index();
      if (ticket === latest) render(query.trim(), search(loadedIndex, query));
    } catch (error) {
      console.error(error);
      if (ticket === latest) status.textContent = strings.network;
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value;
    history.replaceState(null, "", query ? `?q=${encodeURIComponent(query)}` : location.pathname);
    void run(query);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value;
    // Typing starts the download only once there is something to look for.
    if (!loaded && query.trim().length < 2) return;
    timer = setTimeout(() => void run(query), 250);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
