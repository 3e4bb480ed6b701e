import { z } from "zod";
import { hrefProblem } from "./urls";

/** A zod schema for a stored link address: trimmed, then checked against the allow-list (not z.url()). */
export const hrefSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = hrefProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
