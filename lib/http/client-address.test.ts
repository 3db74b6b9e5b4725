import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER } from "./client-address";

describe("clientAddress", () => {
  it("uses the socket's peer and ignores X-Forwarded-For without a trusted proxy", () => {
    const headers = { [PEER_HEADER]: "192.0.2.10", "x-forwarded-for": "203.0.113.5" };
    expect(clientAddress(headers, 0)).toBe("192.0.2.10");
  });

  it("takes the entry each trusted proxy appended, counting from the right", () => {
    // client 198.51.100.7 → proxy A (10.0.0.1) → proxy B (10.0.0.2) → us; the client forged 6.6.6.6.
    const headers = {
      [PEER_HEADER]: "10.0.0.2",
      "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.1",
    };
    expect(clientAddress(headers, 1)).toBe("10.0.0.1");
    expect(clientAddress(headers, 2)).toBe("198.51.100.7");
    // More hops than entries: the leftmost, which is as far as anything can be told.
    expect(clientAddress(headers, 9)).toBe("6.6.6.6");
  });

  it("answers unknown when the server recorded no peer", () => {
    expect(clientAddress({ "x-forwarded-for": "203.0.113.5" }, 0)).toBe("unknown");
  });
});
