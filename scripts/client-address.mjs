/**
 * The client's address: the socket's peer, or with TRUST_PROXY=n the address the n-th trusted proxy
 * saw (X-Forwarded-For is read right to left, each trusted hop having appended its peer).
 * @param {string | string[] | undefined} forwardedFor
 * @param {string} socketAddress
 * @param {number} trustedHops
 */
export function resolveClientAddress(forwardedFor, socketAddress, trustedHops) {
  if (trustedHops <= 0) return socketAddress;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
    socketAddress,
  ];
  return chain[Math.max(0, chain.length - 1 - trustedHops)] ?? socketAddress;
}
