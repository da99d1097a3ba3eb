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
  // Open now / until / opens at / closed today, from the weekly hours in the place's time zone.
  var statuses = document.querySelectorAll("[data-open-status]");
  for (var j = 0; j < statuses.length; j++) {
    try {
      var element = statuses[j];
      var periods = JSON.parse(element.getAttribute("data-open-status"));
      var labels = JSON.parse(element.getAttribute("data-labels"));
      var parts = {};
      new Intl.DateTimeFormat("en-GB", { timeZone: element.getAttribute("data-time-zone"), weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(new Date())
        .forEach(function (part) { parts[part.type] = part.value; });
      var day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday) + 1;
      var now = parts.hour + ":" + parts.minute;
      var today = periods.filter(function (p) { return p[0] === day; }).sort(function (a, b) { return a[1] < b[1] ? -1 : 1; });
      var open = today.filter(function (p) { return p[1] <= now && (now < p[2] || p[2] === "00:00"); })[0];
      var next = today.filter(function (p) { return p[1] > now; })[0];
      element.textContent = open
        ? (open[1] === "00:00" && /^(23:59|24:00|00:00)$/.test(open[2]) ? labels.open : labels.until.replace("{{time}}", open[2]))
        : next ? labels.opens.replace("{{time}}", next[1]) : labels.closed;
      element.className = "open-status " + (open ? "is-open" : "is-closed");
      element.hidden = false;
    } catch (error) {}
  }
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    });
  }
})();
