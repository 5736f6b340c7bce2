// The failures of an API call, shared by the dashboard and the consumer app so both read the
// server's problem documents (RFC 9457, docs/openapi.json `Problem`) the same way.
import type { components } from "./schema";

/** The server's problem document. */
export type Problem = components["schemas"]["Problem"];
/** One rejected field of a request, inside a problem document. */
export type FieldError = components["schemas"]["FieldError"];

/** A failed request: the HTTP status (0 when the server could not be reached) and its problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? `The server answered ${status}.`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Every field the server rejected, so a form can show each next to its input. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The message for one field, if the server rejected it. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}

/** Whether a parsed body is a problem document, since an error body may be anything (a proxy's HTML page). */
export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "detail" in value;
}
