import { defineNamespace } from "../catalog";
import ar from "./ar/replay.json";
import en from "./en/replay.json";
import es from "./es/replay.json";

/** Replay in place of the live map: its controls, its scrub bar and what the bar marks. */
export const replay = defineNamespace(en, { es, ar });
