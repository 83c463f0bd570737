/* A refused form opens on its error summary (templates/includes/error_summary.html): the focus
   goes there, so that a keyboard or screen reader user hears what to fix, and each link of the
   summary puts the focus in its field (the browser alone would only scroll to it). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: "center" });
  });
}());
