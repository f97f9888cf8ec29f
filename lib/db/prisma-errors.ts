import { Prisma } from "./generated/client";

/** P2025: the record to update/delete was not found (with owner scoping: or is not yours). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

/** P2002: unique constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Runs an update/delete that targets one row; resolves null when no row matched. */
export async function nullIfNotFound<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (isRecordNotFound(error)) return null;
    throw error;
  }
}
