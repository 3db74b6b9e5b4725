import { describe, expect, it } from "vitest";
import { HttpError } from "@/lib/http/http-error";
import { emailParam } from "./admin-users";

describe("an email in an admin route's path", () => {
  it("is decoded", () => {
    expect(emailParam("ann%40example.com")).toBe("ann@example.com");
  });

  it.each([
    ["a bad escape", "%zz"],
    ["a NUL, which Postgres text cannot hold (it answered 500)", "%00"],
    ["a control character", "ann%0A@example.com"],
    ["more than an address may have", `${"a".repeat(250)}%40example.com`],
  ])("names no user when it holds %s: 404", (_, raw) => {
    let thrown: unknown;
    try {
      emailParam(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).code).toBe("not_found");
  });
});
