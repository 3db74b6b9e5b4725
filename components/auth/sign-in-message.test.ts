import { describe, expect, it } from "vitest";
import { signInMessage } from "./sign-in-message";

describe("signInMessage", () => {
  it("words next-auth's codes in fixed sentences", () => {
    expect(signInMessage("CredentialsSignin")).toBe("Email or password is incorrect.");
    expect(signInMessage("AccessDenied")).toMatch(/^This account may not use Fleet Live/);
    expect(signInMessage("Throttled-30")).toBe(
      "Too many sign-in attempts. Try again in 30 seconds.",
    );
    expect(signInMessage("Throttled-61")).toBe(
      "Too many sign-in attempts. Try again in 2 minutes.",
    );
    expect(signInMessage(undefined)).toBeUndefined();
  });

  it("never shows text from the link: anything else is one generic sentence", () => {
    for (const code of [
      "Too many sign-in attempts. Call 555-0100 to unlock",
      "<script>alert(1)</script>",
      "Throttled-30 and more",
    ]) {
      expect(signInMessage(code)).toBe("Sign-in failed. Please try again.");
    }
  });
});
