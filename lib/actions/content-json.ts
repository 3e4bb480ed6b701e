import { AppError } from "@/lib/errors";
import { cleanInput } from "./clean-input";

/** Above the 1 MB body limit (lib/content/validate.ts), below the server-action transport limit (next.config.ts). */
export const MAX_CONTENT_JSON_LENGTH = 4_000_000;

/**
 * Release content travels to server actions as JSON text: editor documents carry objects React's action
 * encoding cannot pass by value, and one string is what the size limit and the validation are written for.
 * Its strings come back cleaned (lib/actions/clean-input.ts).
 */
export function parseContentJson(contentJson: unknown): unknown {
  if (typeof contentJson !== "string") throw new AppError("invalid", "The release content is missing.");
  if (contentJson.length > MAX_CONTENT_JSON_LENGTH) {
    throw new AppError(
      "invalid",
      `The release is too long to save (${(contentJson.length / 1_000_000).toFixed(1)} MB; the limit is ${MAX_CONTENT_JSON_LENGTH / 1_000_000} MB). Split it, or remove pasted images and formatting.`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(contentJson);
  } catch {
    throw new AppError("invalid", "The release could not be read. Copy your text somewhere safe and reload the page.");
  }
  return cleanInput(content);
}
