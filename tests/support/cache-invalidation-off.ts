import { vi } from "vitest";

/**
 * next/cache's invalidation functions as no-ops. They need Next's request store, which a direct call of
 * an action or route handler does not have; they are not under test where this is used:
 *
 *   vi.mock("next/cache", async (importOriginal) => ({
 *     ...(await importOriginal<typeof import("next/cache")>()),
 *     ...(await import("../support/cache-invalidation-off")).cacheInvalidationOff,
 *   }));
 */
export const cacheInvalidationOff = { revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() };
