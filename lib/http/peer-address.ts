import "server-only";
import { Server, type IncomingMessage } from "node:http";
import { PEER_HEADER } from "./client-address";

const INSTALLED = Symbol.for("fleet-live.peer-address");

/**
 * Next.js gives a route handler no socket, and it keeps an X-Forwarded-For the client sent
 * (it only adds one when there is none), so a client could name any address it likes. This
 * records the TCP peer of every request in a header of our own, overwriting any a client sent,
 * before Next.js sees the request. Installed once at start (lib/startup.ts), in the process
 * that owns the HTTP server.
 */
export function recordPeerAddresses(): void {
  const proto = Server.prototype as Server & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function emitWithPeer(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "unknown";
    }
    return (emit as (...all: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
