import { describe, expect, it } from "vitest";
import { localeDir, localeFromAcceptLanguage, pickLocale } from "./locales";

describe("which language a request gets", () => {
  it("takes the best-ranked supported language from Accept-Language", () => {
    expect(localeFromAcceptLanguage("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("fr-FR,fr;q=0.9,ar;q=0.5,en;q=0.4")).toBe("ar");
    expect(localeFromAcceptLanguage("en;q=0.5,es;q=0.8")).toBe("es");
    expect(localeFromAcceptLanguage("de,fr")).toBeUndefined();
    expect(localeFromAcceptLanguage("es;q=0,en")).toBe("en");
  });

  it("prefers the remembered choice, then the browser, then English", () => {
    expect(pickLocale("ar", "es")).toBe("ar");
    expect(pickLocale("xx", "es-ES")).toBe("es");
    expect(pickLocale(undefined, undefined)).toBe("en");
  });

  it("lays Arabic out right to left", () => {
    expect(localeDir("ar")).toBe("rtl");
    expect(localeDir("es")).toBe("ltr");
  });
});
