import type { readPaste } from "@/lib/content/paste";

type ReadPaste = typeof readPaste;

let loaded: ReadPaste | null = null;
let loading: Promise<ReadPaste> | null = null;

/**
 * The paste pipeline (htmlparser2, entities and the importer's stages, about a fifth of the editor's
 * JavaScript) is loaded only when it can be needed: the editor starts loading it when it first gets
 * focus, so it is normally there before the first paste. A failed load may be tried again.
 */
export function loadPasteReader(): Promise<ReadPaste> {
  loading ??= import("@/lib/content/paste").then(
    (module) => (loaded = module.readPaste),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** readPaste when it has been loaded, else null. */
export function loadedPasteReader(): ReadPaste | null {
  return loaded;
}
