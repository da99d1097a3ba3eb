/** The offline page lists the pages of its language that the service worker has saved. */
const section = document.querySelector<HTMLElement>("[data-saved-pages]");
const list = section?.querySelector<HTMLElement>("[data-saved-list]");
const MAX = 40;

async function show(): Promise<void> {
  if (!section || !list || !("caches" in window)) return;
  const locale = section.dataset.locale;
  const cache = await caches.open("start-pages");
  const requests = (await cache.keys()).filter((request) => {
    const path = new URL(request.url).pathname;
    return path.startsWith(`/${locale}/`) && !path.endsWith("/offline/");
  });
  for (const request of requests.reverse().slice(0, MAX)) {
    const response = await cache.match(request);
    const html = response ? await response.text() : "";
    const title = new DOMParser().parseFromString(html, "text/html").title || new URL(request.url).pathname;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL(request.url).pathname;
    link.textContent = title;
    item.append(link);
    list.append(item);
  }
  section.hidden = list.childElementCount === 0;
}

void show();
