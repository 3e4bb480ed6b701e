import { NextResponse, type NextRequest } from "next/server";
import { MEDIA_CONTENT_SECURITY_POLICY } from "@/lib/media/files";
import { contentSecurityPolicy, HSTS_HEADER, isStaffPath } from "@/lib/security/headers";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Security headers, and a fast path to the sign-in page for desk requests without any session cookie
 * (so they get a real redirect, not a streamed one). Authorization never lives here: every page, action
 * and route handler checks the viewer itself (db/viewer.ts).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const dev = process.env.NODE_ENV === "development";
  const staff = isStaffPath(pathname);

  let response: NextResponse;
  let csp: string;
  if (staff) {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
    csp = contentSecurityPolicy({ nonce }, { dev });
    const hasSessionCookie = SESSION_COOKIES.some((name) => request.cookies.has(name));
    if (pathname.startsWith("/desk") && !hasSessionCookie) {
      const login = new URL("/login", request.url);
      login.searchParams.set("callbackUrl", `${pathname}${search}`);
      response = NextResponse.redirect(login);
    } else {
      const requestHeaders = new Headers(request.headers);
      requestHeaders.set("x-nonce", nonce);
      requestHeaders.set("Content-Security-Policy", csp);
      response = NextResponse.next({ request: { headers: requestHeaders } });
    }
  } else if (pathname.startsWith("/media/")) {
    // Uploaded files: nothing in them may run. (Headers set here win over the route handler's own.)
    csp = MEDIA_CONTENT_SECURITY_POLICY;
    response = NextResponse.next();
  } else {
    csp = contentSecurityPolicy("no-inline", { dev });
    response = NextResponse.next();
  }
  response.headers.set("Content-Security-Policy", csp);
  if (request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https") {
    response.headers.set("Strict-Transport-Security", HSTS_HEADER);
  }
  return response;
}

export const config = {
  // Not /api/media: Next buffers bodies that pass through the proxy and cuts them at 10 MB
  // (proxyClientMaxBodySize), below the upload limit; that route sets no page headers anyway.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/media$).*)" }],
};
