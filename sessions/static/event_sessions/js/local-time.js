// Adds each session's time in the visitor's own time zone, under the times the
// page already gives (Paris and London). Without this script the page is complete.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  // The page's language, in the visitor's own variety of it when they prefer one: the
  // line is theirs ("17 January" for en-GB, "January 17" for en-US), its words the page's.
  var page = document.documentElement.lang || "";
  var base = function (tag) { return tag.split("-")[0].toLowerCase(); };
  var preferred = (navigator.languages || [navigator.language]).filter(function (tag) {
    return tag && page && base(tag) === base(page);
  });
  var language = preferred[0] || page || undefined;
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
