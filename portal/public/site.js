// START: registers the service worker (offline pages) and, only where script runs, remembers
// the language a visitor picks. No cookies: localStorage, on this device only.
(function () {
  var KEY = "start.locale";
  try {
    if (location.pathname === "/") {
      var saved = localStorage.getItem(KEY);
      if (saved && document.querySelector('a[data-locale="' + saved.replace(/[^a-z-]/g, "") + '"]')) location.replace("/" + saved + "/");
    }
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-locale]");
      if (link) localStorage.setItem(KEY, link.getAttribute("data-locale"));
    });
  } catch (error) {}
  // A page can outlive an alert it shows (offline copies, the next build not yet in): hide it once it has ended.
  var alerts = document.querySelectorAll("[data-valid-until]");
  for (var i = 0; i < alerts.length; i++) {
    if (Date.parse(alerts[i].getAttribute("data-valid-until")) <= Date.now()) alerts[i].hidden = true;
  }
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    });
  }
})();
