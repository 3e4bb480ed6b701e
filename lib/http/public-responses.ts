/**
 * The production server (scripts/server.mjs, same process) keeps copies of shareable public responses
 * (scripts/public-responses.mjs). Every public change marks the copies it touches stale (dropping a
 * withdrawn release's) and moves their generation, so a response rendered before the change and
 * finished after it is not kept either.
 */
export { clearPublicResponses, expirePublicResponses } from "@/scripts/public-responses.mjs";
