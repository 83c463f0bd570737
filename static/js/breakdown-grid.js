// Live totals of a breakdown grid (sexe × âge) on the indicators sheet: each row, each column
// and the grand total follow what is typed, read as French users write numbers ("5 100,5").
(function () {
  "use strict";
  var format = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

  function parse(text) {
    var raw = (text || "").replace(/[\s\u00a0\u202f\u2009\u2007]/g, "");
    if (raw === "") return null;
    if (raw.indexOf(".") !== -1 && raw.indexOf(",") === -1 && raw.split(".").length === 2) {
      raw = raw.replace(".", ",");
    }
    if (!/^\d+(,\d+)?$/.test(raw)) return NaN;
    return parseFloat(raw.replace(",", "."));
  }

  function show(output, sum, count, invalid) {
    if (!output) return;
    output.textContent = invalid ? "?" : count ? format.format(sum) : "—";
  }

  function update(table) {
    var inputs = table.querySelectorAll("input[data-row]");
    var rows = {}, cols = {}, grand = { sum: 0, count: 0, invalid: false };
    function add(bucket, key, value) {
      bucket[key] = bucket[key] || { sum: 0, count: 0, invalid: false };
      if (value === null) return;
      if (isNaN(value)) { bucket[key].invalid = true; return; }
      bucket[key].sum += value;
      bucket[key].count += 1;
    }
    inputs.forEach(function (input) {
      var value = parse(input.value);
      add(rows, input.dataset.row, value);
      add(cols, input.dataset.col, value);
      if (value === null) return;
      if (isNaN(value)) { grand.invalid = true; return; }
      grand.sum += value;
      grand.count += 1;
    });
    Object.keys(rows).forEach(function (key) {
      show(table.querySelector('[data-row-total="' + key + '"]'), rows[key].sum, rows[key].count, rows[key].invalid);
    });
    Object.keys(cols).forEach(function (key) {
      show(table.querySelector('[data-col-total="' + key + '"]'), cols[key].sum, cols[key].count, cols[key].invalid);
    });
    show(table.querySelector("[data-grand-total]"), grand.sum, grand.count, grand.invalid);
  }

  document.querySelectorAll("[data-breakdown-grid]").forEach(function (table) {
    table.addEventListener("input", function () { update(table); });
    update(table);
  });
})();
