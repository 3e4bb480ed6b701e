/**
 * The production server (scripts/server.mjs, same process) keeps copies of shareable public responses
 * (scripts/response-cache.mjs). Every expiry of public pages empties it and moves its generation, so a
 * response rendered before the change and finished after it is not kept either.
 */
const REGISTRY = Symbol.for("pressroom.public-responses");

type Registry = { entries: Map<string, unknown>; generation: number; bytes: number };

export function clearPublicResponses() {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  const registry = holder[REGISTRY];
  if (!registry) return;
  registry.generation += 1;
  registry.entries.clear();
  registry.bytes = 0;
}
