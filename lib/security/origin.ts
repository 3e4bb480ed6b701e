/**
 * Cross-site request guard for route handlers that change anything: the browser's Origin header must
 * name this site. A missing Origin is refused too (every browser sends one on a cross-site POST).
 */
export function isSameOrigin(headers: Headers, allowedOrigins: readonly string[] = []): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const proto = headers.get("x-forwarded-proto") ?? "http";
  const candidates = new Set(allowedOrigins.map((value) => value.replace(/\/+$/, "")));
  if (host) candidates.add(`${proto}://${host}`);
  return candidates.has(origin);
}
