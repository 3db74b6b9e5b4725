import { defineNamespace } from "../catalog";
import ar from "./ar/dashboard.json" with { type: "json" };
import en from "./en/dashboard.json" with { type: "json" };
import es from "./es/dashboard.json" with { type: "json" };

/**
 * The dashboard around the map: the feed indicator (also on the wall), the fleet summary, the
 * map's own controls and legend, the fences board and "since you last looked".
 *
 * `summaryMoving` and its kin are the word after a status's count ("18 moving"): `n` is the
 * count, for agreement.
 */
export const dashboard = defineNamespace(en, { es, ar });
