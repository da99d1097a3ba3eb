/**
 * Listing filters (progressive enhancement): shows the filter form that the page ships hidden
 * and hides the cards that do not match. Without script the full list is there.
 * Services for ANYONE match every audience, as in the API.
 */
function setUp(form: HTMLFormElement): void {
  const list = document.querySelector<HTMLElement>("[data-filter-list]");
  if (!list) return;
  const cards = [...list.querySelectorAll<HTMLElement>(":scope > li")];
  const count = form.querySelector<HTMLElement>("[data-filter-count]");
  const empty = document.querySelector<HTMLElement>("[data-filter-empty]");
  const forms = JSON.parse(form.dataset.countForms ?? "{}") as Record<string, string>;
  const plural = new Intl.PluralRules(form.dataset.locale);
  const words = (value: string | undefined) => (value ?? "").split(" ").filter(Boolean);

  const apply = () => {
    const data = new FormData(form);
    const category = String(data.get("category") ?? "");
    const audience = String(data.get("audience") ?? "");
    const language = String(data.get("language") ?? "");
    const freeOnly = data.get("free") === "1";
    let shown = 0;
    for (const card of cards) {
      const audiences = words(card.dataset.audiences);
      const visible =
        (!category || words(card.dataset.categories).includes(category)) &&
        (!audience || audiences.includes(audience) || audiences.includes("ANYONE")) &&
        (!language || words(card.dataset.languages).includes(language)) &&
        (!freeOnly || card.dataset.free === "1");
      card.hidden = !visible;
      if (visible) shown += 1;
    }
    if (count) count.textContent = (forms[plural.select(shown)] ?? forms.other ?? "").replace("{{count}}", String(shown));
    if (empty) empty.hidden = shown > 0;
  };

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("reset", () => setTimeout(apply));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply();
}

document.querySelectorAll<HTMLFormElement>("form[data-filters]").forEach(setUp);
