/**
 * The production server (scripts/server.mjs, same process) keeps copies of shareable public responses
 * (scripts/public-responses.mjs). Every expiry of public pages empties them and moves their generation,
 * so a response rendered before the change and finished after it is not kept either.
 */
export { clearPublicResponses } from "@/scripts/public-responses.mjs";
