/* Wide tables scroll in their own box on small screens (.table-scroll in portal.css). A box
   that scrolls must be reachable with the keyboard (WCAG 2.1.1): while it overflows, it is a
   focusable group named after its table's caption; otherwise it is left alone, so wide
   screens get no extra tab stop. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length) { return; }

  function update() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " — " : "") + "tableau défilant");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
})();
