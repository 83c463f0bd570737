/* Follows generated documents (includes/document_status.html): polls each one's JSON status
   every two seconds and updates its progress bar, step and error in place. When the document is
   finished the page reloads once, so the server shows the final state (the file, or why it
   failed). Without JavaScript the fragment's refresh link does the same. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-document-status]");
  if (!boxes.length || !window.fetch) { return; }

  function field(box, name) { return box.querySelector('[data-field="' + name + '"]'); }

  function show(box, state) {
    field(box, "status_label").textContent = state.status_label;
    field(box, "step").textContent = state.step;
    field(box, "step-sep").textContent = state.step ? " — " : "";
    var bar = field(box, "progress");
    bar.value = state.progress;
    bar.textContent = state.progress + " %";
    field(box, "progress-text").textContent = state.progress + " %";
    var error = field(box, "error");
    error.textContent = state.error;
    error.hidden = !state.error;
  }

  function poll(box, lastStatus) {
    fetch(box.getAttribute("data-document-status"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (state) {
        show(box, state);
        if (state.finished && lastStatus !== state.status) {
          window.location.reload();
          return;
        }
        if (!state.finished) { window.setTimeout(function () { poll(box, state.status); }, 2000); }
      })
      .catch(function () {
        // The server is unreachable for now: try again later, the refresh link stays there.
        window.setTimeout(function () { poll(box, lastStatus); }, 5000);
      });
  }

  boxes.forEach(function (box) {
    var initial = box.getAttribute("data-initial-status");
    if (initial === "done" || initial === "failed") { return; }
    poll(box, initial);
  });
})();
