import { defineNamespace } from "../catalog";
import ar from "./ar/fleet.json" with { type: "json" };
import en from "./en/fleet.json" with { type: "json" };
import es from "./es/fleet.json" with { type: "json" };

/** The vehicle list and its filters, the selected vehicle, ongoing trips, "nearest vehicles". */
export const fleet = defineNamespace(en, { es, ar });
