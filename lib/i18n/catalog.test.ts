import { describe, expect, it } from "vitest";
import { fill, type Message } from "./catalog";
import { LOCALES } from "./locales";
import { CATALOGS } from "./messages";

const placeholders = (message: Message) =>
  [
    ...new Set(
      (typeof message === "string" ? [message] : Object.values(message)).flatMap((text) =>
        [...(text ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
      ),
    ),
  ].sort();

describe("every language has every message", () => {
  for (const [name, catalog] of Object.entries(CATALOGS)) {
    const english = catalog.en as Record<string, Message>;
    for (const locale of LOCALES) {
      it(`${name}: ${locale} has English's keys, no others, none empty, same placeholders`, () => {
        const messages = catalog[locale] as Record<string, Message>;
        expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(messages)) {
          const texts = typeof message === "string" ? [message] : Object.values(message);
          expect(
            texts.every((text) => (text ?? "").trim() !== ""),
            `${name}.${key}`,
          ).toBe(true);
          expect(placeholders(message), `${name}.${key}`).toEqual(placeholders(english[key]!));
          if (typeof english[key] !== "string") {
            expect(typeof message, `${name}.${key} is plural in English`).toBe("object");
          }
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
