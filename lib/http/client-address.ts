import "server-only";

/**
 * The header in which the server records the address of the TCP peer of every request
 * (lib/http/peer-address.ts). It overwrites whatever a client sent under that name.
 */
export const PEER_HEADER = "x-fleet-live-peer";

type Headers = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(",") : (value ?? "");

/**
 * The address a request came from, for throttling. X-Forwarded-For is a list every proxy
 * appends to, and a client can start it with anything: only the entries the `hops` reverse
 * proxies we run appended are true. With 0 hops (the default) the socket's peer is the client;
 * with one proxy, the entry it appended (the last); and so on, counting from the right.
 */
export function clientAddress(headers: Headers, hops: number): string {
  const peer = one(headers[PEER_HEADER]).trim();
  const forwarded = one(headers["x-forwarded-for"])
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer || "unknown"];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}
