// Put a Leaflet map with tiles over each plain SVG map of danvan.charts. Only loaded when the
// operator configured a tile server (DANVAN_MAP_TILES_URL); the SVG stays for print and as the
// fallback. The points come from a JSON script tag (the Content-Security-Policy allows no inline
// script); names are set as text, never as HTML.
(() => {
  if (typeof L === "undefined") return;
  document.querySelectorAll("figure[data-map-tiles]:not([data-map-ready])").forEach((figure) => {
    const source = document.getElementById(figure.dataset.mapPoints);
    const points = source ? JSON.parse(source.textContent).points : [];
    if (!points.length) return;
    figure.dataset.mapReady = "1";

    const plain = figure.querySelector(".dv-map-svg");
    const box = document.createElement("div");
    box.className = "dv-map-leaflet";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", plain.querySelector("svg title")?.textContent || "");
    plain.after(box);
    plain.hidden = true;

    const map = L.map(box, { scrollWheelZoom: false, preferCanvas: true });
    L.tileLayer(figure.dataset.mapTiles, {
      maxZoom: 18,
      attribution: figure.dataset.mapAttribution || "",
    }).addTo(map);

    const bounds = [];
    // large circles first, as in the SVG, so that small ones stay on top
    [...points].sort((a, b) => b.radius - a.radius).forEach((point) => {
      const marker = L.circleMarker([point.lat, point.lon], {
        radius: point.radius,
        color: point.empty ? "#b8b1a7" : "#ffffff",
        weight: 1,
        fillColor: point.empty ? "#ffffff" : "#3b6ea5",
        fillOpacity: point.empty ? 1 : 0.78,
      });
      const tip = document.createElement("span");
      tip.textContent = point.title;
      marker.bindTooltip(tip);
      if (point.url) marker.on("click", () => { window.location.assign(point.url); });
      marker.addTo(map);
      if (!point.remote) bounds.push([point.lat, point.lon]);
    });
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 13 });
  });
})();
