/**
 * Web Mercator (EPSG:3857) as Leaflet projects it, in pixels of a 256-pixel world at zoom 0.
 * A vehicle is projected once when its fix changes; drawing at any zoom is then one multiply.
 */
const MAX_LAT = 85.0511287798;
const D2R = Math.PI / 180;

export function worldX(lng: number): number {
  return ((lng + 180) / 360) * 256;
}

export function worldY(lat: number): number {
  const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
  const sin = Math.sin(clamped * D2R);
  return (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 256;
}
