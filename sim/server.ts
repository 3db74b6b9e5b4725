import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SIM_DEFAULTS } from "./defaults";

export type SimOptions = {
  port: number;
  host: string;
  vehicles: number;
  seed: number;
  speedup: number;
  apiKey: string;
  acctId: string;
  secret: string;
};

export type RunningSimulator = {
  url: string;
  options: SimOptions;
  close(): Promise<void>;
};

/**
 * A small first simulator: POST /token and /gpsdata/device-last-location for a fleet parked
 * in a circle. The simulator issue replaces it with a living fleet.
 */
export async function startSimulator(
  overrides: Partial<SimOptions> = {},
): Promise<RunningSimulator> {
  const options: SimOptions = { ...SIM_DEFAULTS, host: "127.0.0.1", ...overrides };
  const signingKey = randomUUID();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: "simulator error" }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers["x-api-key"] !== options.apiKey)
      return send(res, 401, { message: "Invalid API key" });
    const body = await readJson(req);
    if (req.method === "POST" && req.url === "/token") {
      if (body?.acctId !== options.acctId || body?.secret !== options.secret) {
        return send(res, 401, { message: "Invalid acctId or secret" });
      }
      return send(res, 200, { token: signToken(signingKey, options.acctId) });
    }
    if (req.method === "POST" && req.url === "/gpsdata/device-last-location") {
      return send(res, 200, { data: parkedFleet(options.vehicles) });
    }
    return send(res, 404, { message: "Not Found" });
  }

  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    options: { ...options, port },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parkedFleet(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const angle = (index / Math.max(count, 1)) * 2 * Math.PI;
    return {
      devId: `213SIM${String(index + 1).padStart(6, "0")}`,
      lat: 33.4484 + 0.05 * Math.sin(angle),
      lng: -112.074 + 0.05 * Math.cos(angle),
      speed: 0,
      direction: 0,
    };
  });
}

function signToken(key: string, acctId: string) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ typ: "JWT", alg: "HS256" })}.${encode({ acctId, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac("sha256", key).update(unsigned).digest("base64url")}`;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
