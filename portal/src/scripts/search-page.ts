import { SearchIndex, type SearchHit, type TermChunk } from "@start/db/search";
import { chunkFileName, namedPlaces, type PortalSearchMeta, resultLine, type SearchDocumentType, type SearchIndexFile } from "../search/documents.js";

/**
 * The search page: the locale's index is fetched on the first search only, as a manifest and the
 * term chunks the query needs; the other chunks follow in the background, so that search works
 * offline after one visit (the service worker keeps them). It is searched with START's engine, the
 * one the API runs, so a query gets the same results here as from the API. One list, best first, each result labelled with
 * its kind. The query is kept in the address (?q=) so that a search can be shared and reopened.
 * Nothing typed leaves the phone.
 */
interface Strings {
  resultsFor: string;
  noResults: string;
  loading: string;
  network: string;
  groups: Record<SearchDocumentType, string>;
  results: Record<string, string>;
  closed: string;
}

const MAX_RESULTS = 60;

/** Libya's date, as the API compares vacancy deadlines. */
const libyaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date());

const form = document.querySelector<HTMLFormElement>("form[data-search]");
const input = form?.querySelector<HTMLInputElement>("input[name=q]");
const status = document.querySelector<HTMLElement>("[data-search-status]");
const results = document.querySelector<HTMLElement>("[data-search-results]");
const stringsElement = document.getElementById("search-strings");

if (form && input && status && results && stringsElement) {
  const strings = JSON.parse(stringsElement.textContent ?? "{}") as Strings;
  const locale = form.dataset.locale ?? "en";
  const plural = new Intl.PluralRules(locale);
  let loaded: Promise<{ index: SearchIndex<PortalSearchMeta>; file: SearchIndexFile }> | null = null;
  let latest = 0;
  const manifestUrl = form.dataset.index!;
  const hash = /search-index\.([0-9a-f]+)\.json$/.exec(manifestUrl)?.[1] ?? "";

  const fetchJson = async <T,>(url: string): Promise<T> => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as T;
  };

  const index = () =>
    (loaded ??= (async () => {
      status.textContent = strings.loading;
      const file = await fetchJson<SearchIndexFile>(manifestUrl);
      return { index: SearchIndex.load(file), file };
    })().catch((error: unknown) => {
      loaded = null;
      throw error;
    }));

  /** Fetches term chunks (by their first character) into the index. */
  const loadChunks = async ({ index: searchIndex, file }: { index: SearchIndex<PortalSearchMeta>; file: SearchIndexFile }, chunks: string[]) => {
    const wanted = chunks.filter((chunk) => file.files[chunk] !== undefined);
    if (wanted.length === 0) return;
    const bodies = await Promise.all(wanted.map((chunk) => fetchJson<TermChunk>(`/${locale}/${chunkFileName(hash, file.files[chunk]!)}`)));
    searchIndex.addChunks(Object.fromEntries(wanted.map((chunk, i) => [chunk, bodies[i]!])));
  };

  let restScheduled = false;
  /** After a first answer, the rest of the index, a few chunks at a time: offline search needs it all. */
  const loadRest = (loadedIndex: { index: SearchIndex<PortalSearchMeta>; file: SearchIndexFile }) => {
    if (restScheduled) return;
    restScheduled = true;
    const rest = Object.keys(loadedIndex.file.files);
    const next = async () => {
      const batch = rest.splice(0, 4);
      if (batch.length === 0) return;
      try {
        await loadChunks(loadedIndex, batch);
        setTimeout(() => void next(), 200);
      } catch {
        restScheduled = false;
      }
    };
    setTimeout(() => void next(), 1000);
  };

  const render = (query: string, { index: searchIndex, file }: { index: SearchIndex<PortalSearchMeta>; file: SearchIndexFile }, hits: SearchHit<PortalSearchMeta>[]) => {
    results.replaceChildren();
    const named = namedPlaces(searchIndex, file.places, query);
    if (hits.length === 0) {
      status.textContent = strings.noResults.replace("{{query}}", query);
      return;
    }
    const count = (strings.results[plural.select(hits.length)] ?? strings.results.other ?? "").replace("{{count}}", String(hits.length));
    status.textContent = `${strings.resultsFor.replace("{{query}}", query)} – ${count}`;
    const list = document.createElement("ul");
    list.className = "cards";
    for (const { document: doc } of hits.slice(0, MAX_RESULTS)) {
      const item = document.createElement("li");
      item.className = "card";
      item.dataset.kind = doc.k;
      const kind = document.createElement("p");
      kind.className = "card-kind";
      kind.textContent = strings.groups[doc.k];
      const title = document.createElement("h2");
      title.className = "card-title";
      const link = document.createElement("a");
      link.href = `/${locale}/${doc.key}/`;
      link.textContent = doc.t;
      if (doc.l) {
        link.lang = doc.l;
        link.dir = doc.l === "ar" ? "rtl" : "ltr";
      }
      title.append(link);
      const detail = document.createElement("p");
      detail.className = "card-meta";
      detail.textContent = resultLine(doc, file.places, named);
      item.append(kind, title, detail);
      if (doc.c) {
        const badge = document.createElement("span");
        badge.className = "badge badge-warning";
        badge.textContent = strings.closed;
        const badges = document.createElement("p");
        badges.className = "badges";
        badges.append(badge);
        item.append(badges);
      }
      list.append(item);
    }
    results.append(list);
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
      await loadChunks(loadedIndex, loadedIndex.index.missingChunks(query));
      if (ticket === latest) render(query.trim(), loadedIndex, loadedIndex.index.search(query, { today: libyaToday() }));
      loadRest(loadedIndex);
    } catch (error) {
      console.error(error);
      if (ticket === latest) status.textContent = strings.network;
    }
  };

  const remember = (query: string) => {
    const url = new URL(location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value;
    remember(query);
    void run(query);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value;
    // Typing starts the download only once there is something to look for.
    if (!loaded && query.trim().length < 2) return;
    timer = setTimeout(() => {
      remember(query);
      void run(query);
    }, 250);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
