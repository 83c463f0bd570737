/* Directory maps (Leaflet, vendored). Data come from the page: no inline script (CSP).
   - #directory-map: markers from the JSON in #map-data (list of {name, url, lat, lng, address})
   - .mini-map[data-lat][data-lng]: one marker on a structure's page */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  var script = document.currentScript;
  var imagePath = script ? script.getAttribute("data-images") : null;
  if (imagePath) { L.Icon.Default.imagePath = imagePath; }

  function baseMap(element, center, zoom) {
    // Leaflet's controls speak English by default: the page is in French (RGAA 8.7).
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false }).setView(center, zoom);
    L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
    L.tileLayer(element.getAttribute("data-tiles"), {
      maxZoom: 19, attribution: element.getAttribute("data-attribution") || ""
    }).addTo(map);
    return map;
  }

  function text(tag, value) {
    var node = document.createElement(tag);
    node.textContent = value;
    return node;
  }

  var full = document.getElementById("directory-map");
  var dataNode = document.getElementById("map-data");
  if (full && dataNode) {
    var points = JSON.parse(dataNode.textContent);
    var map = baseMap(full, [48.0061, 0.1996], 13);
    var bounds = [];
    points.forEach(function (p) {
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;  // textContent: names are never parsed as HTML
      popup.appendChild(link);
      if (p.address) { popup.appendChild(text("p", p.address)); }
      L.marker([p.lat, p.lng], { title: p.name, alt: p.name }).addTo(map).bindPopup(popup);
      bounds.push([p.lat, p.lng]);
    });
    if (bounds.length > 1) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 }); }
    else if (bounds.length === 1) { map.setView(bounds[0], 16); }
  }

  document.querySelectorAll(".mini-map[data-lat][data-lng]").forEach(function (element) {
    var position = [parseFloat(element.getAttribute("data-lat")),
                    parseFloat(element.getAttribute("data-lng"))];
    var mini = baseMap(element, position, 16);
    var name = element.getAttribute("data-name") || "";
    L.marker(position, { title: name, alt: name }).addTo(mini);
  });
})();
