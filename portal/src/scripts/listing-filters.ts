/**
 * Listing filters (progressive enhancement): shows the filter form that the page ships hidden
 * and hides the cards that do not match. Without script the full list is there.
 * Services for ANYONE match every audience, as in the API; vacancies open to ANYONE match every
 * "who may apply".
 *
 * The chosen filters live in the query string (`?free=1&language=ha`), under the names of the
 * form's controls: kept on reload, in the history entry and in a shared link. A value the page
 * does not offer is ignored (and dropped from the address).
 */
type Control = HTMLSelectElement | HTMLInputElement;

function setUp(form: HTMLFormElement): void {
  const list = document.querySelector<HTMLElement>("[data-filter-list]");
  if (!list) return;
  const cards = [...list.querySelectorAll<HTMLElement>(":scope > li")];
  const count = form.querySelector<HTMLElement>("[data-filter-count]");
  const empty = document.querySelector<HTMLElement>("[data-filter-empty]");
  const forms = JSON.parse(form.dataset.countForms ?? "{}") as Record<string, string>;
  const plural = new Intl.PluralRules(form.dataset.locale);
  const words = (value: string | undefined) => (value ?? "").split(" ").filter(Boolean);
  const controls = [...form.querySelectorAll<Control>("select[name], input[type=checkbox][name]")];

  /** The form's controls set from the address; true when any filter came from it. */
  const readAddress = (): boolean => {
    const params = new URLSearchParams(location.search);
    let any = false;
    for (const control of controls) {
      const value = params.get(control.name);
      if (control instanceof HTMLSelectElement) {
        const offered = value !== null && [...control.options].some((option) => option.value === value);
        control.value = offered ? value! : "";
        if (offered && value) any = true;
      } else {
        control.checked = value === control.value;
        if (control.checked) any = true;
      }
    }
    return any;
  };

  /** The address with the form's filters in its query string, other parameters and the fragment kept. */
  const writeAddress = () => {
    const url = new URL(location.href);
    for (const control of controls) url.searchParams.delete(control.name);
    for (const control of controls) {
      if (control instanceof HTMLSelectElement ? control.value : control.checked) url.searchParams.set(control.name, control.value);
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  };

  const apply = () => {
    const data = new FormData(form);
    const category = String(data.get("category") ?? "");
    const audience = String(data.get("audience") ?? "");
    const language = String(data.get("language") ?? "");
    const eligibility = String(data.get("eligibility") ?? "");
    const freeOnly = data.get("free") === "1";
    let shown = 0;
    for (const card of cards) {
      const audiences = words(card.dataset.audiences);
      const eligible = card.dataset.eligibility ?? "";
      const visible =
        (!category || words(card.dataset.categories).includes(category)) &&
        (!audience || audiences.includes(audience) || audiences.includes("ANYONE")) &&
        (!language || words(card.dataset.languages).includes(language)) &&
        (!eligibility || eligible === eligibility || eligible === "ANYONE") &&
        (!freeOnly || card.dataset.free === "1");
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    if (count) count.textContent = (forms[plural.select(shown)] ?? forms.other ?? "").replace("{{count}}", String(shown));
    if (empty) empty.hidden = shown > 0;
  };

  const update = () => {
    apply();
    writeAddress();
  };

  form.hidden = false;
  // Filters that came with the address are open to see (and to clear).
  if (readAddress()) form.querySelector("details")?.setAttribute("open", "");
  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update));
  form.addEventListener("submit", (event) => event.preventDefault());
  // Back and forward within the page's history entries, or a page restored from the cache.
  addEventListener("popstate", () => {
    readAddress();
    apply();
  });
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      readAddress();
      apply();
    }
  });
  apply();
  writeAddress();
}

document.querySelectorAll<HTMLFormElement>("form[data-filters]").forEach(setUp);
