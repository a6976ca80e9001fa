// The jurisdiction's grids drawn as SVG from their GeoJSON: no tiles, nothing fetched from
// elsewhere. Longitude is scaled by cos(latitude) so shapes keep their proportions.

import { el } from './dom.js';

/// Draws `geojson` (a FeatureCollection of Polygon/MultiPolygon grids) into `svg`. Answers
/// { shapes: Map(code -> <path>), toLonLat(x, y), project([lon, lat]) -> [x, y], centre(code) -> [x, y] }
/// and calls onPick(code, {lat, lon}) on a click.
export function drawGrids(svg, geojson, { onPick, labels = false } = {}) {
  const polygons = (geometry) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
  let minLon = Infinity; let maxLon = -Infinity; let minLat = Infinity; let maxLat = -Infinity;
  for (const feature of geojson.features) {
    for (const polygon of polygons(feature.geometry)) {
      for (const [lon, lat] of polygon[0]) {
        minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      }
    }
  }
  const scale = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
  const width = 1000;
  const spanX = Math.max((maxLon - minLon) * scale, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const height = Math.round(width * spanY / spanX);
  const margin = 10;
  const k = (width - 2 * margin) / spanX;
  const project = ([lon, lat]) => [margin + (lon - minLon) * scale * k, margin + (maxLat - lat) * k];
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 2 * margin}`);
  svg.replaceChildren();
  const shapes = new Map();
  const toLonLat = (x, y) => ({ lon: minLon + (x - margin) / (scale * k), lat: maxLat - (y - margin) / k });

  for (const feature of geojson.features) {
    const { code, name } = feature.properties;
    const d = polygons(feature.geometry)
      .map((polygon) => polygon.map((ring) => `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`).join(''))
      .join('');
    const path = el('svg:path', { d, class: 'grid', 'fill-rule': 'evenodd', dataset: { grid: code } }, el('svg:title', {}, `${name} (${code})`));
    if (onPick) {
      path.addEventListener('click', (event) => {
        const point = svg.createSVGPoint();
        point.x = event.clientX; point.y = event.clientY;
        const local = point.matrixTransform(svg.getScreenCTM().inverse());
        onPick(code, toLonLat(local.x, local.y));
      });
    }
    svg.append(path);
    shapes.set(code, path);
  }
  if (labels) {
    for (const feature of geojson.features) {
      const ring = polygons(feature.geometry)[0][0];
      const points = ring.map(project);
      const x = points.reduce((s, p) => s + p[0], 0) / points.length;
      const y = points.reduce((s, p) => s + p[1], 0) / points.length;
      svg.append(el('svg:text', { x: x.toFixed(1), y: y.toFixed(1), class: 'grid-label', 'text-anchor': 'middle' }, feature.properties.name));
    }
  }
  const centres = new Map(geojson.features.map((feature) => {
    const points = polygons(feature.geometry)[0][0].map(project);
    return [feature.properties.code, [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length]];
  }));
  return { shapes, toLonLat, project, centre: (code) => centres.get(code), width, height: height + 2 * margin };
}
