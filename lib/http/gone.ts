/**
 * Retracted releases answer 410 Gone. Next's page cache cannot store a 410, so the release page renders
 * its tombstone (status 200 to Next) and marks the address; scripts/server.mjs, which runs Next in the
 * same process, turns the status of a marked address into 410 (scripts/public-responses.mjs, which
 * holds the marks). The mark is set on every render of a tombstone, and cleared by a change notice that
 * names the release and by every render of its live page, so it never outlives the tombstone.
 */
export { clearGone, isGone, markGone } from "@/scripts/public-responses.mjs";
