import { describe, expect, it } from "vitest";
import { describeError } from "./describe-error";

describe("describeError", () => {
  it("logs an error's name, message and digest", () => {
    const error = Object.assign(new Error("An error occurred in the Server Components render."), {
      digest: "2707392871",
    });
    expect(describeError(error)).toBe(
      "Error: An error occurred in the Server Components render. (digest 2707392871)",
    );
    expect(describeError(new TypeError("x is undefined"))).toBe("TypeError: x is undefined");
  });

  it("logs only the type of a thrown value that is no Error, never its content", () => {
    expect(describeError({ token: "secret-token" })).toBe("a thrown object");
    expect(describeError("secret-token")).toBe("a thrown string");
  });
});
