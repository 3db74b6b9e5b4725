import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "./http-error";
import { MAX_JSON_BODY, readJsonBody, readTextBody } from "./read-body";

const URL_ = "http://fleet.test/api/thing";
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body sent in chunks, without a Content-Length, that records how much was read. */
function streamed(chunks: Uint8Array[]) {
  const sent = { chunks: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[sent.chunks];
        if (next === undefined) return controller.close();
        sent.chunks += 1;
        controller.enqueue(next);
      },
      cancel() {
        sent.cancelled = true;
      },
    },
    // Nothing is pulled ahead of a read, so `sent.chunks` counts what was read.
    { highWaterMark: 0 },
  );
  return { sent, request: post(body) };
}

async function codeOf(reading: Promise<unknown>): Promise<string> {
  const error = await reading.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof HttpError)) throw new Error(`expected an HttpError, got ${error}`);
  return error.code;
}

describe("readTextBody", () => {
  it("reads a body of up to maxBytes", async () => {
    expect(await readTextBody(post("x".repeat(16)), 16)).toBe("x".repeat(16));
  });

  it("refuses with 413 a body that declares more than maxBytes, without reading it", async () => {
    const { sent, request } = streamed([new Uint8Array(8)]);
    request.headers.set("content-length", "17");
    expect(await codeOf(readTextBody(request, 16))).toBe("payload_too_large");
    expect(sent.chunks).toBe(0);
  });

  it("stops reading with 413 once a body without a length passes maxBytes", async () => {
    const chunk = new Uint8Array(10);
    const { sent, request } = streamed([chunk, chunk, chunk, chunk, chunk]);
    expect(await codeOf(readTextBody(request, 16))).toBe("payload_too_large");
    expect(sent.chunks).toBe(2);
    expect(sent.cancelled).toBe(true);
  });

  it("refuses with 400 a body that is not UTF-8", async () => {
    expect(await codeOf(readTextBody(post(new Uint8Array([0x7b, 0xff, 0x7d])), 16))).toBe(
      "bad_request",
    );
  });

  it("reads no body as empty", async () => {
    expect(await readTextBody(new Request(URL_, { method: "POST" }), 16)).toBe("");
  });
});

describe("readJsonBody", () => {
  const schema = z.object({ present: z.boolean({ error: "Say whether the page is in view." }) });

  it("answers the body as the schema parsed it", async () => {
    expect(await readJsonBody(post('{"present":true}'), schema)).toEqual({ present: true });
  });

  it("refuses with 400 a body that is not JSON", async () => {
    const error = await readJsonBody(post("{present:"), schema).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: "bad_request", message: "The request body must be JSON." });
  });

  it("refuses with 400 and the schema's own sentence a body that does not fit", async () => {
    const error = await readJsonBody(post('{"present":"yes"}'), schema).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      code: "bad_request",
      message: "Say whether the page is in view.",
    });
  });

  it("takes an empty body as `emptyIs` where given, and as no JSON otherwise", async () => {
    const optional = z.object({ note: z.string().optional() });
    expect(await readJsonBody(post(" "), optional, { emptyIs: {} })).toEqual({});
    const error = await readJsonBody(post(""), optional).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: "bad_request", message: "The request body must be JSON." });
  });

  it("refuses with 413 a body past MAX_JSON_BODY", async () => {
    const big = JSON.stringify({ present: true, pad: "x".repeat(MAX_JSON_BODY) });
    expect(await codeOf(readJsonBody(post(big), schema))).toBe("payload_too_large");
  });
});
