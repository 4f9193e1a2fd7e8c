// Adds each session's time in the visitor's own time zone, under the times the
// page already gives (Paris and London). Without this script the page is complete.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var language = document.documentElement.lang || undefined;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(language, {
    weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "numeric", minute: "2-digit", timeZoneName: "short",
    // The page's own times use Latin digits in every language (Django's formats);
    // Intl would write Arabic-Indic ones for Arabic, and the two lines would disagree.
    numberingSystem: "latn"
  });
  document.querySelectorAll("[data-local-time]").forEach(function (box) {
    var time = box.querySelector("time[datetime]");
    var output = box.querySelector(".when__local");
    if (!time || !output) return;
    var start = new Date(time.getAttribute("datetime"));
    var end = new Date(time.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) return;
    var text = format.formatRange ? format.formatRange(start, end)
      : format.format(start) + " – " + format.format(end);
    // The zone's name, unless the time already ends with it ("… UTC", not "… UTC (UTC)").
    var named = zone && text.slice(-zone.length) !== zone;
    output.querySelector(".when__local-text").textContent = text + (named ? " (" + zone + ")" : "");
    output.hidden = false;
  });
})();
