/**
 * A public page with nothing at its address renders the not-found notice itself and marks its render,
 * and the production server (scripts/server.mjs, same process) sends it with 404: Next's notFound()
 * from a page sends an empty shell that only its client script fills (scripts/public-responses.mjs).
 */
export { markNotFound, RENDER_ID_HEADER } from "@/scripts/public-responses.mjs";
