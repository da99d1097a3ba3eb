// START: registers the service worker (offline pages); remembers the language a visitor picks
// (localStorage, this device only, no cookie); hides alerts that have ended since the page was
// built, and "closed until" labels once that day is over in Libya; says whether a service is open
// now, from its hours in the place's time zone (never while an alert closes it).
(function () {
  var KEY = "start.locale", all = function (s) { return [].slice.call(document.querySelectorAll(s)); },
    today = new Intl.DateTimeFormat("en-CA", { timeZone: "Africa/Tripoli" }).format(new Date());
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
  all("[data-valid-until]").forEach(function (el) {
    if (Date.parse(el.getAttribute("data-valid-until")) <= Date.now()) el.hidden = true;
  });
  all("[data-closed-until]").forEach(function (el) {
    if (el.getAttribute("data-closed-until") < today) el.hidden = true;
  });
  all("[data-alerts]").forEach(function (el) {
    if (!el.querySelector(".alert:not([hidden])")) el.hidden = true;
  });
  all("[data-open-status]").forEach(function (el) {
    try {
      var labels = JSON.parse(el.getAttribute("data-labels")), p = {}, shut = el.getAttribute("data-closure");
      if (shut && shut >= today) {
        el.textContent = labels.closedUntil;
        el.className = "open-status is-closed";
        el.hidden = false;
        return;
      }
      new Intl.DateTimeFormat("en-GB", { timeZone: el.getAttribute("data-time-zone"), weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(new Date()).forEach(function (part) { p[part.type] = part.value; });
      var day = "MonTueWedThuFriSatSun".indexOf(p.weekday) / 3 + 1, now = p.hour + ":" + p.minute, open, next;
      // Periods are [ISO weekday, "HH:MM", "HH:MM"], sorted; a closing time of 24:00 sorts after any time.
      JSON.parse(el.getAttribute("data-open-status")).forEach(function (q) {
        if (q[0] !== day) return;
        if (q[1] <= now && now < q[2]) open = q;
        else if (q[1] > now && !next) next = q;
      });
      el.textContent = open ? (open[1] === "00:00" && open[2] >= "23:59" ? labels.open : labels.until.replace("{{time}}", open[2])) : next ? labels.opens.replace("{{time}}", next[1]) : labels.closed;
      el.className = "open-status " + (open ? "is-open" : "is-closed");
      el.hidden = false;
    } catch (error) {}
  });
  if ("serviceWorker" in navigator) {
    addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js").catch(function () {});
    });
  }
})();
