import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Feature, Polygon as GeoPolygon, MultiPolygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

/** Natural Earth country outlines (1:50 million) from the world-atlas package, read once on first use. */

type Countries = Topology<{ countries: GeometryCollection<{ name?: string }> }>;
type CountryGeometry = Countries["objects"]["countries"]["geometries"][number];

function nameOf(geometry: CountryGeometry): string {
  return (geometry.properties as { name?: string } | undefined)?.name ?? "";
}

let countries: Countries | undefined;
const outlines = new Map<string, [number, number][][]>();

function topology(): Countries {
  if (!countries) {
    const file = createRequire(import.meta.url).resolve("world-atlas/countries-50m.json");
    countries = JSON.parse(readFileSync(file, "utf8")) as Countries;
  }
  return countries;
}

/** Every country name Natural Earth knows, sorted. */
export function countryNames(): string[] {
  return topology()
    .objects.countries.geometries.map(nameOf)
    .filter((name) => name !== "")
    .sort();
}

/** The outer rings ([lon, lat]) of the named country, or undefined when Natural Earth has no such name. */
export function countryOutline(name: string): [number, number][][] | undefined {
  const cached = outlines.get(name);
  if (cached) return cached;
  const geometry = topology().objects.countries.geometries.find((g) => nameOf(g) === name);
  if (!geometry) return undefined;
  // A single country object decodes to a Feature (only collections give a FeatureCollection).
  const shape = (feature(topology(), geometry) as Feature).geometry as GeoPolygon | MultiPolygon | null;
  if (!shape) return undefined;
  const polygons = shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates;
  // Outer rings only: holes never matter for "whose airspace is this?".
  const rings = polygons.map((polygon) => polygon[0].map(([lon, lat]) => [lon, lat] as [number, number]));
  outlines.set(name, rings);
  return rings;
}
