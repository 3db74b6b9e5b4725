import { describe, expect, it } from "vitest";
import { newDeviceCookie, trustedDevice } from "./device-cookie";

const SECRET = "s".repeat(32);

describe("device cookies", () => {
  it("names the device for the account it was issued for, and no other", () => {
    const cookie = newDeviceCookie(SECRET, "ann@example.com");
    expect(cookie).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(trustedDevice(cookie, SECRET, "ann@example.com")).toBe(cookie.split(".")[1]);
    expect(trustedDevice(cookie, SECRET, "ben@example.com")).toBeUndefined();
  });

  it("is worthless under another secret, edited, or malformed", () => {
    const cookie = newDeviceCookie(SECRET, "ann@example.com");
    expect(trustedDevice(cookie, "t".repeat(32), "ann@example.com")).toBeUndefined();
    const [version, device, signature] = cookie.split(".") as [string, string, string];
    const edited = `${version}.${device.replace(/^./, (c) => (c === "A" ? "B" : "A"))}.${signature}`;
    expect(trustedDevice(edited, SECRET, "ann@example.com")).toBeUndefined();
    for (const junk of [undefined, "", "v1..", "v2.x.y", `${cookie}.extra`]) {
      expect(trustedDevice(junk, SECRET, "ann@example.com")).toBeUndefined();
    }
  });
});
