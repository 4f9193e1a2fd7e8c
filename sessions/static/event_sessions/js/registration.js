// Errors of the registration form: the summary takes focus when the page loads (the
// autofocus attribute does it without this script too), and each of its links moves
// focus to its field, which following a link to an id alone does not do.
(function () {
  var summary = document.getElementById("registration-errors");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
})();
