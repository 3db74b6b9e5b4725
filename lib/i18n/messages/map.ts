import { defineNamespace } from "../catalog";
import ar from "./ar/map.json";
import en from "./en/map.json";
import es from "./es/map.json";

/** The map: its name, clusters (names and tooltips) and trip tooltips. */
export const map = defineNamespace(en, { es, ar });
