/**
 * Content-Security-Policy. Staff pages are rendered per request and carry a nonce, so Next's inline
 * scripts run. Public pages are cached and shared between readers, so they cannot carry a per-request
 * nonce: they get no inline script at all and are built to be read without JavaScript.
 */
export function contentSecurityPolicy(scripts: { nonce: string } | "no-inline", options: { dev: boolean }): string {
  const scriptSource =
    scripts === "no-inline" ? "script-src 'self'" : `script-src 'self' 'nonce-${scripts.nonce}' 'strict-dynamic'`;
  return [
    "default-src 'self'",
    `${scriptSource}${options.dev ? " 'unsafe-eval'" : ""}`,
    // Inline styles are kept: Next and the editor set style attributes; scripts are what CSP must stop.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Paths rendered per request (nonce CSP, their JavaScript runs): the desk, sign-in, and a journalist's
 * embargoed share link. Everything else is public and goes out without scripts (scripts/public-html.mjs).
 */
export function isStaffPath(pathname: string): boolean {
  return /^\/(desk|login|share)(\/|$)/.test(pathname);
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

export const HSTS_HEADER = "max-age=63072000; includeSubDomains";
