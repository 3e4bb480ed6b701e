import "server-only";
import { env } from "@/env";
import { INTERNAL_TOKEN_HEADER, internalToken } from "./internal-token";
import type { ChangeNotice } from "./public-change";

/**
 * Expires this instance's cached public pages from outside a request (the scheduler's timer, the
 * change listener) by calling the instance's own internal route: Next drops cache invalidation made
 * outside a request without a word. Retries while the server is still starting.
 */
export async function expireOwnCache(change: ChangeNotice) {
  const host = env.HOSTNAME === "0.0.0.0" || env.HOSTNAME === "::" ? "127.0.0.1" : env.HOSTNAME;
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    try {
      const response = await fetch(`http://${host}:${env.PORT}/api/internal/revalidate`, {
        method: "POST",
        headers: { "Content-Type": "application/json", [INTERNAL_TOKEN_HEADER]: internalToken() },
        body: JSON.stringify(change),
      });
      if (response.ok) return true;
    } catch {
      // the server may still be starting; try again shortly
    }
    await new Promise((resolve) => setTimeout(resolve, attempt * 500));
  }
  console.error(`cache: could not expire this instance's public pages for ${JSON.stringify(change)}`);
  return false;
}
