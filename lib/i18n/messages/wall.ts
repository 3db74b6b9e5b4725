import { defineNamespace } from "../catalog";
import ar from "./ar/wall.json";
import en from "./en/wall.json";
import es from "./es/wall.json";

/** The wall screen (/wall), its error screen and the page of a display link that is not valid. */
export const wall = defineNamespace(en, { es, ar });
