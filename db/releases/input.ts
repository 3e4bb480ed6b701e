import { z } from "zod";

export const releaseIdSchema = z.uuid("That release does not exist.");
export const versionSchema = z.coerce.number().int().min(1);
