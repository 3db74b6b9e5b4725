import { describe, expect, it } from "vitest";
import { fill, type Message } from "./catalog";
import { INTL_TAG, LOCALES } from "./locales";
import { CATALOGS } from "./messages";

const placeholders = (message: Message) =>
  [
    ...new Set(
      (typeof message === "string" ? [message] : Object.values(message)).flatMap((text) =>
        [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      ),
    ),
  ].sort();

/**
 * The tables are JSON, so the compiler only sees what `defineNamespace` checks (English's keys,
 * plurals where English has them); this checks the whole of it, English included.
 */
describe("every language has every message", () => {
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    const english = catalog.en as Record<string, unknown>;
    for (const locale of LOCALES) {
      it(`${name}: ${locale} has English's keys, no others, none empty, same placeholders and plurals`, () => {
        const messages = catalog[locale] as Record<string, unknown>;
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
        const forms = new Intl.PluralRules(INTL_TAG[locale]).resolvedOptions().pluralCategories;
        for (const [key, message] of Object.entries(messages)) {
          const where = `${name}.${key} in ${locale}`;
          const plural = typeof message === "object" && message !== null;
          expect(plural, `${where} is plural exactly where English's is`).toBe(
            typeof english[key] === "object",
          );
          const texts = plural ? Object.values(message) : [message];
          expect(
            texts.every((text) => typeof text === "string" && text.trim() !== ""),
            `${where} is text, none empty`,
          ).toBe(true);
          if (plural) {
            expect(Object.keys(message), `${where} has "other"`).toContain("other");
            expect(forms, `${where} uses only the language's plural forms`).toEqual(
              expect.arrayContaining(Object.keys(message)),
            );
          }
          expect(placeholders(message as Message), where).toEqual(
            placeholders(english[key] as Message),
          );
        }
      });
    }
  }
});

describe("fill", () => {
  it("picks the plural form by the locale's rules and writes numbers in its digits", () => {
    const vehicles = { one: "{n} vehicle", other: "{n} vehicles" };
    expect(fill("en", vehicles, { n: 1 })).toBe("1 vehicle");
    expect(fill("en", vehicles, { n: 1200 })).toBe("1,200 vehicles");
    const arabic = { zero: "لا مركبات", one: "مركبة واحدة", two: "مركبتان", other: "{n} مركبة" };
    expect(fill("ar-u-nu-arab", arabic, { n: 0 })).toBe("لا مركبات");
    expect(fill("ar-u-nu-arab", arabic, { n: 2 })).toBe("مركبتان");
    expect(fill("ar-u-nu-arab", arabic, { n: 12 })).toBe("١٢ مركبة");
  });

  it("leaves an unknown placeholder visible rather than blank", () => {
    expect(fill("es", "Hola {name}", {})).toBe("Hola {name}");
  });
});
