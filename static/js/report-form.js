/* The report form (indicators/observatoire/reports.html) shows only the fields of the chosen
   document: each group says which kinds use it (data-kinds), the others are hidden and disabled
   so they are not sent. Without JavaScript every group shows, labelled with the kinds it applies
   to, and the server refuses a field that does not apply. */
(function () {
  "use strict";
  var form = document.querySelector("[data-report-form]");
  if (!form) { return; }
  var radios = form.querySelectorAll('input[name="kind"]');
  var groups = form.querySelectorAll("[data-kinds]");

  function update() {
    var chosen = form.querySelector('input[name="kind"]:checked');
    groups.forEach(function (group) {
      var applies = chosen && group.getAttribute("data-kinds").split(" ").indexOf(chosen.value) !== -1;
      group.hidden = !applies;
      group.disabled = !applies;
    });
  }

  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
