/**
 * Cross-site request guard for route handlers that change anything: the browser's Origin header must
 * be the origin of the site's own address (SITE_URL, or its default http://localhost:PORT). Nothing else
 * the client sends counts: any client can write Host, X-Forwarded-Host or X-Forwarded-Proto, and with
 * TRUST_PROXY=0 they come from the client. A missing Origin is refused too (every browser sends one on a
 * POST). scripts/request-guard.mjs applies the same rule to server actions.
 */
export function isSameOrigin(headers: Headers, siteUrl: string): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  const site = originOf(siteUrl);
  return site !== null && origin === site;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
