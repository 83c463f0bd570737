// Phones first: on a narrow screen the directory's filters fold behind « Filtrer » (the button
// says how many are active), so the first result shows without scrolling. Without JavaScript,
// or on a wide screen, every filter stays visible.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 40rem)");
  document.querySelectorAll("[data-filters]").forEach(function (form) {
    var toggle = form.querySelector("[data-filters-toggle]");
    var detail = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!toggle || !detail) return;
    var hasErrors = !!form.querySelector(".form-errors");
    function apply() {
      if (narrow.matches) {
        toggle.hidden = false;
        var open = toggle.getAttribute("aria-expanded") === "true";
        detail.hidden = !open;
      } else {
        toggle.hidden = true;
        detail.hidden = false;
      }
    }
    toggle.setAttribute("aria-expanded", hasErrors ? "true" : "false");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      apply();
      if (!open) {
        var first = detail.querySelector("select, input");
        if (first) first.focus();
      }
    });
    if (narrow.addEventListener) narrow.addEventListener("change", apply);
    apply();
  });
})();
