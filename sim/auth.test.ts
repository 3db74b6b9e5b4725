import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authed, json, startTestSim, type TestSim } from "./test-support";

let t: TestSim;
beforeAll(async () => {
  t = await startTestSim();
});
afterAll(() => t.sim.close());

const decode = (segment: string) =>
  JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;
const withToken = (token: string, header = "authorization") => ({ headers: { [header]: token } });

describe("POST /token", () => {
  it("issues an HS256 JWT whose exp claim is 3600 s after issue", async () => {
    const token = await t.token();
    const [head, payload] = token.split(".");
    expect(decode(head!)).toEqual({ typ: "JWT", alg: "HS256" });
    const claims = decode(payload!);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it("refuses a wrong api key with 401 and a message", async () => {
    const response = await t.call(
      "/token",
      { acctId: 12345, secret: "sim-secret" },
      { headers: { "x-api-key": "nope" } },
    );
    expect(response.status).toBe(401);
    expect((await json(response)).message).toMatch(/api key/i);
  });

  it("refuses wrong credentials with 401", async () => {
    const response = await t.call("/token", { acctId: 12345, secret: "wrong" });
    expect(response.status).toBe(401);
  });

  it("answers a body without credentials with 400 and a message", async () => {
    const response = await t.call("/token", { acctId: 12345 });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(/secret/);
    expect((await t.call("/token", "{not json")).status).toBe(400);
  });

  it("requires acctId as a JSON number, as documented, and refuses the string form with 400", async () => {
    const response = await t.call("/token", { acctId: "12345", secret: "sim-secret" });
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(/acctId must be a number/);
    const query = await t.call("/token?acctId=12345&secret=sim-secret", "");
    expect(query.status).toBe(400);
    const ok = await t.call("/token", { acctId: 12345, secret: "sim-secret" });
    expect((await json(ok)).token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("answers a token refusal as {code, msg} with 200 in the errorEnvelope variant", async () => {
    await t.control("config", { errorEnvelope: true });
    const response = await t.call("/token", { acctId: "12345", secret: "sim-secret" });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      code: 400,
      msg: "Invalid Request: acctId must be a number, not a string",
    });
    await t.control("config", { errorEnvelope: false });
  });
});

describe("legacy GET /token", () => {
  it("returns a token and expireTime in unix seconds, accepted in a header named token", async () => {
    const response = await t.call("/token?acctId=12345&secret=sim-secret", undefined, {
      method: "GET",
    });
    const body = await json<{ token: string; expireTime: number }>(response);
    const now = Date.parse((await json<{ now: string }>(await t.control("clock"))).now) / 1000;
    expect(body.expireTime - now).toBeGreaterThan(3590);
    expect(body.expireTime - now).toBeLessThanOrEqual(3600);
    expect((await t.call("/devices", undefined, withToken(body.token, "token"))).status).toBe(200);
    expect(
      (await t.call("/devices", undefined, withToken("0123456789abcdef", "token"))).status,
    ).toBe(401);
  });
});

describe("token checks on data paths", () => {
  it("answers a missing token with 401", async () => {
    expect((await t.call("/devices")).status).toBe(401);
  });

  it("answers a forged token (wrong signature) with 401", async () => {
    const [head, payload] = (await t.token()).split(".");
    const forged = `${head}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    expect((await t.call("/devices", undefined, withToken(`Bearer ${forged}`))).status).toBe(401);
  });

  it("answers a token signed by another simulator with 401", async () => {
    const other = await startTestSim();
    const foreign = await other.token();
    await other.sim.close();
    expect((await t.call("/devices", undefined, withToken(`Bearer ${foreign}`))).status).toBe(401);
  });

  it("answers an expired token with 401 once 3600 s of simulated time have passed", async () => {
    const fresh = await startTestSim();
    const token = await fresh.token();
    const legacy = await json<{ token: string }>(
      await fresh.call("/token?acctId=12345&secret=sim-secret", undefined, { method: "GET" }),
    );
    expect((await fresh.call("/devices", undefined, withToken(`Bearer ${token}`))).status).toBe(
      200,
    );
    await fresh.control("clock", { advanceMs: 3_599_000 });
    expect((await fresh.call("/devices", undefined, withToken(`Bearer ${token}`))).status).toBe(
      200,
    );
    await fresh.control("clock", { advanceMs: 2_000 });
    const expired = await fresh.call("/devices", undefined, withToken(`Bearer ${token}`));
    expect(expired.status).toBe(401);
    expect((await json(expired)).message).toMatch(/expired/i);
    expect((await fresh.call("/devices", undefined, withToken(legacy.token, "token"))).status).toBe(
      401,
    );
    await fresh.sim.close();
  });

  it("expires tokens early when tokenTtlSeconds is set, although exp still says 3600 s", async () => {
    const fresh = await startTestSim({}, { faults: { tokenTtlSeconds: 60 } });
    const token = await fresh.token();
    expect((await fresh.call("/devices", undefined, withToken(token))).status).toBe(200);
    await fresh.control("clock", { advanceMs: 61_000 });
    expect((await fresh.call("/devices", undefined, withToken(token))).status).toBe(401);
    await fresh.sim.close();
  });
});

describe("token prefix variants", () => {
  it("accepts Bearer and bare tokens by default (any)", async () => {
    const token = await t.token();
    expect((await t.call("/devices", undefined, withToken(`Bearer ${token}`))).status).toBe(200);
    expect((await t.call("/devices", undefined, withToken(token))).status).toBe(200);
  });

  it("with tokenPrefix bearer, refuses the bare token", async () => {
    await t.control("config", { tokenPrefix: "bearer" });
    const token = await t.token();
    expect((await t.call("/devices", undefined, withToken(token))).status).toBe(401);
    expect((await t.call("/devices", undefined, withToken(`Bearer ${token}`))).status).toBe(200);
    await t.control("config", { tokenPrefix: "any" });
  });

  it("with tokenPrefix bare, refuses the Bearer form", async () => {
    await t.control("config", { tokenPrefix: "bare" });
    const token = await t.token();
    expect((await t.call("/devices", undefined, withToken(`Bearer ${token}`))).status).toBe(401);
    expect((await authed(t, "/devices")).status).toBe(401);
    expect((await t.call("/devices", undefined, withToken(token))).status).toBe(200);
    await t.control("config", { tokenPrefix: "any" });
  });
});

describe("a token marker", () => {
  it("is written in clear into every token, which still works", async () => {
    const marked = await startTestSim({ tokenMarker: "LEAK-SENTINEL-TOKEN-abc" });
    try {
      expect(await marked.token()).toContain("LEAK-SENTINEL-TOKEN-abc");
      expect((await authed(marked, "/devices")).status).toBe(200);
    } finally {
      await marked.sim.close();
    }
  });
});
