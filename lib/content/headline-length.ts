// Apart from lib/content/release.ts (zod) so that the browser's paste pipeline can use it without
// loading zod, whose first object parse tries `Function("")`: a script-src violation under the
// desk's CSP.

/** The longest headline a release may have, in characters. */
export const MAX_HEADLINE_LENGTH = 300;
