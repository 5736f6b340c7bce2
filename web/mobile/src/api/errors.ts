// What the app tells a person when a call fails, in their language. The server's problem
// documents keep a stable `type` (urn:powersave:problem:<slug>) and `errors[].field`, while their
// `detail` and `errors[].message` are English: in English the server's own words are shown (they
// say exactly what was wrong); in Greek the type and the field pick a Greek message.
import { ApiError } from "@shared/api/errors";
import type { i18n as I18n } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { translateDynamic } from "../i18n/dynamic";

const PREFIX = "urn:powersave:problem:";

/** A form whose fields have their own messages (problems.json `field.<form>`). */
export type Form = "signIn" | "register" | "changePassword" | "household" | "profile" | "meterClaim";

/** Where a failure happened, when that gives a better message than its type alone. */
export type Context = "join";

/** The problem's slug ("conflict"), or null for a failure without a problem document. */
export function problemSlug(error: ApiError): string | null {
  const type = error.problem?.type;
  return type?.startsWith(PREFIX) ? type.slice(PREFIX.length) : null;
}

/** The first key the translations have, translated; keys are built from the server's slugs. */
function first(i18n: I18n, keys: string[]): string | null {
  for (const key of keys) {
    const found = translateDynamic(i18n, key);
    if (found !== null) return found;
  }
  return null;
}

/** What to tell a person about any error. */
export function describeError(i18n: I18n, error: unknown, context?: Context): string {
  const generic = String(i18n.t("problems:generic"));
  if (!(error instanceof ApiError)) return generic;
  if (error.status === 0) return String(i18n.t("problems:unreachable"));
  const slug = problemSlug(error);
  const requestId = error.problem?.request_id;
  if (slug === "internal-error" || (error.status >= 500 && requestId)) {
    return requestId ? String(i18n.t("problems:internalErrorWithId", { requestId })) : String(i18n.t("problems:type.internal-error"));
  }
  if (i18n.language === "en" && error.problem?.detail) return error.problem.detail;
  if (slug === null) return generic;
  return first(i18n, [...(context ? [`problems:context.${context}.${slug}`] : []), `problems:type.${slug}`]) ?? generic;
}

/** The message beside one field of a form, when the server rejected that field. */
export function describeFieldError(i18n: I18n, error: unknown, form: Form, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const message = error.fieldError(field);
  if (message === undefined) return undefined;
  if (i18n.language === "en" && message !== "") return message;
  return first(i18n, [`problems:field.${form}.${field}`, "problems:field.invalid"]) ?? message;
}

/** `describeError` in the language the app speaks now. */
export function useErrorMessage(context?: Context): (error: unknown) => string {
  const { i18n } = useTranslation();
  return useCallback((error: unknown) => describeError(i18n, error, context), [i18n, context]);
}

/** `describeFieldError` for one form, in the language the app speaks now. */
export function useFieldError(form: Form): (error: unknown, field: string) => string | undefined {
  const { i18n } = useTranslation();
  return useCallback((error: unknown, field: string) => describeFieldError(i18n, error, form, field), [i18n, form]);
}
