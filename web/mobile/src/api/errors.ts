// What the app tells a person when a call fails; the failures themselves are the shared ApiError.
import { ApiError } from "@shared/api/errors";

/** What to tell a person about any error. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Something went wrong. Try again.";
}
