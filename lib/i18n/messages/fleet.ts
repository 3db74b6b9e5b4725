import type { Translation } from "../catalog";

const en = {};

const es: Translation<typeof en> = {};

const ar: Translation<typeof en> = {};

export const fleet = { en, es, ar };
