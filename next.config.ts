import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

// Cache Components stays off: under it a request-time notFound() or redirect() answers 200 (the shell
// has already been streamed), and the public side needs real 404/410/301 statuses. Public pages are
// cached the classic way (ISR pages and tagged data, invalidated on publish).
const nextConfig: NextConfig = {
  // PGlite must stay a real Node package: bundled, it builds and then fails every query at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // The production server compresses (scripts/compression.mjs), after it has taken the scripts out of
  // public HTML (scripts/public-html.mjs): filtering must see the page before it is compressed.
  compress: false,
  // Metadata in <head> for every client: public pages run no JavaScript that could move streamed
  // metadata from <body> into <head>, and link previews read only <head>.
  htmlLimitedBots: /.*/,
  experimental: {
    // Deliberately above our own body limits, so a huge paste gets our validation message, not Next's.
    // (12mb: document imports accept files up to 10 MB, lib/content/import/limits.ts.)
    serverActions: { bodySizeLimit: "12mb" },
    // With proxy.ts in place Next buffers request bodies and cuts them at 10 MB by default: above the import limit too.
    proxyClientMaxBodySize: "12mb",
    // Cached pages and data live in memory only: a restart, or a server pointed at another database,
    // must never serve pages from a previous run's disk cache.
    isrFlushToDisk: false,
  },
  // `npm test` type-checks the whole project; the build need not do it twice.
  typescript: { ignoreBuildErrors: true },
  // On every response, static files included; the nonce-bearing CSP and HSTS come from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
    ];
  },
};

export default nextConfig;
