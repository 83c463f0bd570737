/* Check-in tablet: live counts (polled every 10 s) and badge scanning with the camera through
   the browser's BarcodeDetector when it exists; otherwise the code is typed in the form. */
(function () {
  "use strict";
  var root = document.querySelector("[data-counts-url]");
  if (!root) { return; }

  function refreshCounts() {
    fetch(root.getAttribute("data-counts-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        ["arrived", "expected"].forEach(function (key) {
          var el = root.querySelector('[data-count="' + key + '"]');
          if (el && String(data[key]) !== el.textContent) { el.textContent = data[key]; }
        });
      })
      .catch(function () { /* offline for a moment: the next poll will tell */ });
  }
  window.setInterval(refreshCounts, 10000);

  var scanner = root.querySelector("[data-scanner]");
  var form = root.querySelector("[data-checkin-form]");
  if (!scanner || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  scanner.hidden = false;
  var video = scanner.querySelector("[data-scan-video]");
  var input = form.querySelector('input[name="code"]');
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });

  scanner.querySelector("[data-scan-start]").addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var done = false;
      function tick() {
        if (done) { return; }
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            done = true;
            stream.getTracks().forEach(function (t) { t.stop(); });
            input.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(tick);
          }
        }).catch(function () { window.setTimeout(tick, 300); });
      }
      tick();
    }).catch(function () {
      scanner.hidden = true;
      input.focus();
    });
  });
})();
