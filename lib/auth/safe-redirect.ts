const BASE = "http://pressroom.invalid";

/**
 * A path that only ever means "this site": starts with one slash, and no browser can read a host in it
 * (no second slash or backslash after the first, no control characters, no white space browsers strip).
 */
function isPlainSitePath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  return !/[\u0000-\u0020\u007f-\u009f\\]/.test(path);
}

/**
 * Only same-site relative paths: "/desk/x" yes; "//evil", "/\\evil", "/..//evil", "https://…",
 * "javascript:" no. The check runs on the value returned, after URL normalisation (dot segments
 * removed, characters percent-encoded), and that value must read back as itself.
 */
export function safeRedirectPath(candidate: unknown, fallback = "/desk"): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 2000) return fallback;
  if (!isPlainSitePath(candidate)) return fallback;
  try {
    const url = new URL(candidate, BASE);
    if (url.origin !== BASE) return fallback;
    const path = `${url.pathname}${url.search}${url.hash}`;
    if (!isPlainSitePath(path)) return fallback;
    const again = new URL(path, BASE);
    if (again.origin !== BASE || `${again.pathname}${again.search}${again.hash}` !== path) return fallback;
    return path;
  } catch {
    return fallback;
  }
}
