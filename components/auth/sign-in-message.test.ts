import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { auth } from "@/lib/i18n/messages/auth";
import { signInMessage } from "./sign-in-message";

const t = translator("en", auth.en);

describe("signInMessage", () => {
  it("words next-auth's codes in fixed sentences", () => {
    expect(signInMessage("CredentialsSignin", t)).toBe("Email or password is incorrect.");
    expect(signInMessage("AccessDenied", t)).toMatch(/^This account may not use Fleet Live/);
    expect(signInMessage("Throttled-30", t)).toBe(
      "Too many sign-in attempts. Try again in 30 seconds.",
    );
    expect(signInMessage("Throttled-61", t)).toBe(
      "Too many sign-in attempts. Try again in 2 minutes.",
    );
    expect(signInMessage("Throttled-1", t)).toBe(
      "Too many sign-in attempts. Try again in 1 second.",
    );
    expect(signInMessage(undefined, t)).toBeUndefined();
  });

  it("words the wait by each language's plural rules and digits", () => {
    const ar = translator("ar", auth.ar);
    expect(signInMessage("Throttled-120", ar)).toContain("بعد دقيقتين.");
    expect(signInMessage("Throttled-5", ar)).toContain("بعد ٥ ثوانٍ.");
    expect(signInMessage("Throttled-30", translator("es", auth.es))).toContain("en 30 segundos.");
  });

  it("never shows text from the link: anything else is one generic sentence", () => {
    for (const code of [
      "Too many sign-in attempts. Call 555-0100 to unlock",
      "<script>alert(1)</script>",
      "Throttled-30 and more",
    ]) {
      expect(signInMessage(code, t)).toBe("Sign-in failed. Please try again.");
    }
  });
});
