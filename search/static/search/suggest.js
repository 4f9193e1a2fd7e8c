/* Search-as-you-type for every input[data-suggest-url]: a small ARIA combobox.
   Without this script the form simply submits to the search page. */
(function () {
  "use strict";

  function setUp(input, index) {
    var list = document.createElement("ul");
    var listId = "suggestions-" + index;
    var timer = null;
    var controller = null;
    var active = -1;
    var items = [];

    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(position) {
      var options = list.children;
      if (!options.length) return;
      active = (position + options.length) % options.length;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[active].id);
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (result, position) {
        var option = document.createElement("li");
        var kind = document.createElement("small");
        option.id = listId + "-" + position;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.title;
        kind.textContent = result.kind;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(result.url);
        });
        list.appendChild(option);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      // A request still on its way answers for words no longer in the box.
      if (controller) controller.abort();
      if (text.length < 2) { render([]); return; }
      controller = new AbortController();
      var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(text);
      fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { render(data.results || []); })
        .catch(function () { /* Aborted or offline: the form still works. */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); select(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); select(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
})();
