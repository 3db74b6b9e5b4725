import "server-only";
import { describe, expect, it } from "vitest";
import { readErrorEnvelope } from "./envelope";

describe("readErrorEnvelope", () => {
  it("reads {code, msg} as an error, with an HTTP-like code as its status", () => {
    expect(readErrorEnvelope({ code: 403, msg: "No permission" })).toEqual({
      code: 403,
      status: 403,
      message: "No permission",
      tokenRejected: false,
    });
  });

  it("reads success: false as an error, whatever else the body says", () => {
    expect(readErrorEnvelope({ success: false, message: "suspended", data: [] })).toMatchObject({
      message: "suspended",
      tokenRejected: false,
    });
  });

  it.each([
    [{ code: 401, msg: "Unauthorized" }],
    [{ code: "TOKEN_EXPIRED", msg: "please log in again" }],
    [{ code: 1002, msg: "Token expired" }],
    [{ errorCode: 7, errorMsg: "invalid JWT" }],
  ])("recognises a refused token in %j (worth one refresh)", (body) => {
    expect(readErrorEnvelope(body)?.tokenRejected).toBe(true);
  });

  it.each([
    ["a success code with a list", { code: 0, msg: "ok", data: [{ devId: "A" }] }],
    ["a success code without a list", { code: 200, msg: "success" }],
    ["a nested list", { code: 5, msg: "x", data: { list: [] } }],
    ["a lone record that has a code but no message", { code: "F12", fenceName: "Depot" }],
    ["a plain list", [{ code: 1, msg: "x" }]],
    ["no body", undefined],
  ])("leaves data alone: %s", (_, body) => {
    expect(readErrorEnvelope(body)).toBeUndefined();
  });
});
