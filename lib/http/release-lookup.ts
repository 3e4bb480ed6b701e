/**
 * The server (scripts/server.mjs, same process) answers a release address no publication has with the
 * 404 it last rendered for one, after asking the app's database (scripts/public-responses.mjs); the
 * app hands it the question when it starts (instrumentation.ts).
 */
export { setReleaseLookup } from "@/scripts/public-responses.mjs";
