import { defineNamespace } from "../catalog";
import ar from "./ar/alerts.json" with { type: "json" };
import en from "./en/alerts.json" with { type: "json" };
import es from "./es/alerts.json" with { type: "json" };

/**
 * The alerts panel: list, filters, detail, history, actions, bulk acknowledge, the settings row,
 * and what a screen reader hears or a desktop notification says of a new alert.
 *
 * Keys run in groups, by prefix: alert types (`type…`: an unknown FleetUp code is shown as it
 * comes, tidied), where an alert stands (`work…`), its history (`event…`: {actor} is the
 * person's address, shown in bold where it stands), then the panel, filters, detail, actions,
 * several at once, this browser's settings, and what is heard and notified.
 */
export const alerts = defineNamespace(en, { es, ar });
