import { describe, expect, it } from "vitest";
import { amzDate, EMPTY_PAYLOAD_SHA256, sha256Hex, signRequest, uriEncode } from "./sigv4";

// The worked examples of "Signature Calculations for the Authorization Header" in the Amazon S3 API
// reference (sig-v4-header-based-auth.html): the documented example credentials, 24 May 2013.
const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const now = new Date("2013-05-24T00:00:00Z");

describe("signRequest against AWS's documented examples", () => {
  it("GET object (with a Range header)", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
        headers: { Range: "bytes=0-9" },
        payloadHash: EMPTY_PAYLOAD_SHA256,
        region: "us-east-1",
        now,
      },
      credentials,
    );
    expect(signed.canonicalRequest).toBe(
      [
        "GET",
        "/test.txt",
        "",
        "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9",
        `x-amz-content-sha256:${EMPTY_PAYLOAD_SHA256}`,
        "x-amz-date:20130524T000000Z",
        "",
        "host;range;x-amz-content-sha256;x-amz-date",
        EMPTY_PAYLOAD_SHA256,
      ].join("\n"),
    );
    expect(signed.stringToSign).toBe(
      "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972",
    );
    expect(signed.signature).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    expect(signed.headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("PUT object (a body, an encoded '$' in the key, Date and storage-class headers)", () => {
    const body = new TextEncoder().encode("Welcome to Amazon S3.");
    const payloadHash = sha256Hex(body);
    expect(payloadHash).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const signed = signRequest(
      {
        method: "PUT",
        url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
        headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
        payloadHash,
        region: "us-east-1",
        now,
      },
      credentials,
    );
    expect(signed.canonicalRequest.split("\n").slice(0, 2)).toEqual(["PUT", "/test%24file.text"]);
    expect(signed.headers.authorization).toContain("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,");
    expect(signed.signature).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  });

  it("GET bucket (list objects: a sorted, encoded query string)", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: new URL("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"),
        payloadHash: EMPTY_PAYLOAD_SHA256,
        region: "us-east-1",
        now,
      },
      credentials,
    );
    expect(signed.signature).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
  });
});

describe("signRequest properties", () => {
  const request = {
    method: "DELETE",
    url: new URL("http://127.0.0.1:9000/pressroom/0123456789abcdef0123456789abcdef.png"),
    payloadHash: EMPTY_PAYLOAD_SHA256,
    region: "eu-west-1",
    now: new Date("2026-03-04T05:06:07.890Z"),
  };

  it("is deterministic, signs the host with its port, and returns every header to send", () => {
    const first = signRequest(request, credentials);
    expect(signRequest(request, credentials)).toEqual(first);
    expect(first.headers).toMatchObject({
      host: "127.0.0.1:9000",
      "x-amz-date": "20260304T050607Z",
      "x-amz-content-sha256": EMPTY_PAYLOAD_SHA256,
    });
    expect(first.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260304\/eu-west-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("changes with the secret, the body, the time and the key", () => {
    const base = signRequest(request, credentials).signature;
    expect(signRequest(request, { ...credentials, secretAccessKey: "another secret" }).signature).not.toBe(base);
    expect(signRequest({ ...request, payloadHash: sha256Hex("x") }, credentials).signature).not.toBe(base);
    expect(signRequest({ ...request, now: new Date("2026-03-04T05:06:08Z") }, credentials).signature).not.toBe(base);
    expect(signRequest({ ...request, url: new URL("http://127.0.0.1:9000/pressroom/other.png") }, credentials).signature).not.toBe(base);
  });

  it("signs a session token when there is one", () => {
    const signed = signRequest(request, { ...credentials, sessionToken: "token" });
    expect(signed.headers["x-amz-security-token"]).toBe("token");
    expect(signed.headers.authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,");
  });
});

describe("helpers", () => {
  it("uriEncode follows S3: unreserved characters stay, the rest is %XX", () => {
    expect(uriEncode("a b/ü$~._-", false)).toBe("a%20b/%C3%BC%24~._-");
    expect(uriEncode("a/b+c=", true)).toBe("a%2Fb%2Bc%3D");
  });

  it("amzDate is the compact UTC form", () => {
    expect(amzDate(new Date("2013-05-24T00:00:00.123Z"))).toBe("20130524T000000Z");
  });
});
