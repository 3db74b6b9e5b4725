import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * FleetUp's two token kinds. The JWT (POST /token) is HS256 with an `exp` claim 3600 s after
 * issue; the legacy token (GET /token) is opaque and sent back in a header named `token`.
 * Both are checked against simulated time, so a clock advance can expire them in a test.
 */
export const TOKEN_LIFETIME_SECONDS = 3600;

export type TokenPrefix = "bearer" | "bare" | "any";
export type AuthCheck = { ok: true } | { ok: false; message: string };

export type Credentials = { apiKey: string; acctId: string; secret: string };

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class TokenAuthority {
  /** Per instance, so a token from another simulator (or made up) is a forgery here. */
  private readonly signingKey = randomBytes(32);
  private readonly legacy = new Map<string, number>();

  /**
   * `marker` (letters, digits, - and _) is written into every token it issues, in clear: the
   * leak check looks for it to prove the live token never leaves the dashboard's server.
   */
  constructor(
    private readonly credentials: Credentials,
    private readonly now: () => number,
    private readonly marker = "",
  ) {
    if (!/^[A-Za-z0-9_-]*$/.test(marker))
      throw new Error("a token marker is letters, digits, - and _");
  }

  credentialsMatch(acctId: unknown, secret: unknown): boolean {
    return acctId === this.credentials.acctId && secret === this.credentials.secret;
  }

  issueJwt(): string {
    const iat = Math.floor(this.now() / 1000);
    const payload = { acctId: this.credentials.acctId, iat, exp: iat + TOKEN_LIFETIME_SECONDS };
    const unsigned = `${encode({ typ: "JWT", alg: "HS256" })}.${encode(payload)}`;
    return `${unsigned}.${this.sign(unsigned)}${this.marker}`;
  }

  issueLegacy(): { token: string; expireTime: number } {
    const token = `${this.marker}${randomBytes(16).toString("hex")}`;
    const expireTime = Math.floor(this.now() / 1000) + TOKEN_LIFETIME_SECONDS;
    this.legacy.set(token, expireTime);
    if (this.legacy.size > 10_000) this.dropExpiredLegacy();
    return { token, expireTime };
  }

  /**
   * Checks the token on a data request. `ttlSeconds` is the early-expiry fault: a token older
   * than that is refused even though its `exp` claim says it is still valid.
   */
  check(
    headers: IncomingHttpHeaders,
    prefix: TokenPrefix,
    ttlSeconds: number | undefined,
  ): AuthCheck {
    const nowSeconds = this.now() / 1000;
    const lifetime = Math.min(TOKEN_LIFETIME_SECONDS, ttlSeconds ?? TOKEN_LIFETIME_SECONDS);
    const legacyToken = headers.token;
    if (typeof legacyToken === "string" && legacyToken !== "") {
      const expireTime = this.legacy.get(legacyToken);
      if (expireTime === undefined) return { ok: false, message: "Invalid token" };
      const issued = expireTime - TOKEN_LIFETIME_SECONDS;
      if (nowSeconds >= expireTime || nowSeconds >= issued + lifetime) {
        return { ok: false, message: "Token expired" };
      }
      return { ok: true };
    }
    const header = headers.authorization;
    if (!header) return { ok: false, message: "Missing Authorization token" };
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (prefix === "bearer" && !bearer)
      return { ok: false, message: "Authorization must be 'Bearer <token>'" };
    if (prefix === "bare" && bearer)
      return { ok: false, message: "Authorization must be the bare token" };
    const claims = this.verifyJwt(bearer?.[1] ?? header.trim());
    if (!claims) return { ok: false, message: "Invalid token" };
    if (claims.acctId !== this.credentials.acctId) return { ok: false, message: "Invalid token" };
    if (nowSeconds >= claims.exp || nowSeconds >= claims.iat + lifetime) {
      return { ok: false, message: "Token expired" };
    }
    return { ok: true };
  }

  private verifyJwt(token: string): { acctId: unknown; iat: number; exp: number } | undefined {
    const [head, body, marked, ...rest] = token.split(".");
    if (!head || !body || !marked?.endsWith(this.marker) || rest.length > 0) return undefined;
    const signature = marked.slice(0, marked.length - this.marker.length);
    const expected = Buffer.from(this.sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<
        string,
        unknown
      >;
      if (typeof claims.exp !== "number" || typeof claims.iat !== "number") return undefined;
      return { acctId: claims.acctId, iat: claims.iat, exp: claims.exp };
    } catch {
      return undefined;
    }
  }

  private sign(unsigned: string) {
    return createHmac("sha256", this.signingKey).update(unsigned).digest("base64url");
  }

  private dropExpiredLegacy() {
    const nowSeconds = this.now() / 1000;
    for (const [token, expireTime] of this.legacy)
      if (expireTime <= nowSeconds) this.legacy.delete(token);
  }
}
