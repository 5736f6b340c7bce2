// What a failure says to a person. The server's `detail` and field messages are English, so an
// English screen shows them as they are (they are the most precise); a Greek screen says the
// problem's kind, named by its stable `type` slug, and a Greek message for each rejected field.

import { ApiError } from "@shared/api/errors";
import type { TFunction } from "i18next";
import type { FieldError } from "../api/types";

const TYPE_PREFIX = "urn:powersave:problem:";

/** A failure raised by the dashboard itself, whose words are a translation key. */
export class TranslatedError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(key);
    this.name = "TranslatedError";
    this.key = key;
  }
}

/** The problem's kind, e.g. "validation-failed", or null when the answer was no problem document. */
export function problemSlug(error: unknown): string | null {
  if (!(error instanceof ApiError) || !error.problem) return null;
  const { type } = error.problem;
  return type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : null;
}

/** The request id to quote to operators, shown when the server failed inside. */
export function internalRequestId(error: unknown): string | null {
  if (!(error instanceof ApiError) || !error.problem) return null;
  const internal = problemSlug(error) === "internal-error" || error.status >= 500;
  return internal ? (error.problem.request_id ?? null) : null;
}

/** One sentence that says what went wrong, in the language on screen. */
export function problemText(error: unknown, t: TFunction, language: string): string {
  if (error instanceof TranslatedError) return t(error.key);
  if (!(error instanceof ApiError)) return t("problems:unexpected");
  if (error.status === 0) return t("problems:unreachable");
  if (!error.problem) return t("problems:status", { status: error.status });
  if (language === "en" && error.problem.detail) return error.problem.detail;
  const slug = problemSlug(error);
  const key = `problems:type.${slug ?? ""}`;
  return slug && t(key, { defaultValue: "" }) ? t(key) : t("problems:status", { status: error.status });
}

/** The message for one rejected field: the server's in English, the field's own in Greek. */
export function fieldErrorText(error: FieldError, t: TFunction, language: string): string {
  if (language === "en" && error.message) return error.message;
  const key = `problems:field.${error.field}`;
  return t(key, { defaultValue: "" }) || t("problems:fieldInvalid");
}

/** The field's name for people, or its API name when the dashboard has none for it. */
export function fieldName(field: string, t: TFunction): string {
  return t(`problems:fieldName.${field}`, { defaultValue: field });
}
