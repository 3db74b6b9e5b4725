import { defineNamespace } from "../catalog";
import ar from "./ar/wall.json" with { type: "json" };
import en from "./en/wall.json" with { type: "json" };
import es from "./es/wall.json" with { type: "json" };

/** The wall screen (/wall), its error screen and the page of a display link that is not valid. */
export const wall = defineNamespace(en, { es, ar });
