import { defineNamespace } from "../catalog";
import ar from "./ar/map.json" with { type: "json" };
import en from "./en/map.json" with { type: "json" };
import es from "./es/map.json" with { type: "json" };

/** The map: its name, clusters (names and tooltips) and trip tooltips. */
export const map = defineNamespace(en, { es, ar });
