/**
 * Set by scripts/server.mjs from the socket (and from X-Forwarded-For only across TRUST_PROXY hops),
 * after discarding whatever a client sent under the same name. Keep the name in step with that file.
 */
export const CLIENT_ADDRESS_HEADER = "x-pressroom-client-address";

export function clientAddressFrom(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
