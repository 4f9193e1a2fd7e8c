// Recording page: load a hosted player only on a click, and let timestamps seek the video.
// Without this script the facade is a link to the provider's page and every timestamp a
// link to ?t=SECONDS, which the page answers with the video starting there.
(function () {
  "use strict";
  var player = document.querySelector("[data-player]");
  if (!player) return;

  function embedUrl(seconds) {
    var url = new URL(player.getAttribute("data-embed"));
    if (seconds > 0) {
      if (player.getAttribute("data-provider") === "youtube") {
        url.searchParams.set("start", String(seconds));
      } else {
        url.hash = "t=" + seconds + "s";
      }
    }
    return url.toString();
  }

  function loadHosted(seconds) {
    var frame = player.querySelector("iframe");
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = player.getAttribute("data-title") || "";
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      var facade = player.querySelector("[data-player-load]");
      if (facade) facade.remove();
      player.appendChild(frame);
    }
    // A hosted player cannot be scripted without the provider's own script: it is
    // reloaded at the new time instead.
    frame.src = embedUrl(seconds);
    frame.focus();
  }

  function seek(seconds) {
    var video = player.querySelector("[data-player-video]");
    if (video) {
      video.currentTime = seconds;
      var playing = video.play();
      if (playing && playing.catch) playing.catch(function () {});
    } else if (player.hasAttribute("data-embed")) {
      loadHosted(seconds);
    }
    var url = new URL(window.location.href);
    url.searchParams.set("t", String(seconds));
    url.searchParams.delete("moment");
    url.hash = "player";
    window.history.replaceState(null, "", url.toString());
    document.querySelectorAll(".transcript .is-current").forEach(function (current) {
      current.classList.remove("is-current");
    });
    player.scrollIntoView({ block: "nearest" });
  }

  var facade = player.querySelector("[data-player-load]");
  if (facade) {
    facade.addEventListener("click", function (event) {
      event.preventDefault();
      // The page's start: ?t=, or the moment a permalink names (?moment=).
      var start = parseInt(player.getAttribute("data-start"), 10);
      loadHosted(start > 0 ? start : 0);
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-seek]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    var seconds = parseInt(link.getAttribute("data-seek"), 10);
    if (isNaN(seconds)) return;
    event.preventDefault();
    seek(seconds);
    var paragraph = link.closest(".transcript__paragraph");
    if (paragraph) paragraph.classList.add("is-current");
  });
})();
