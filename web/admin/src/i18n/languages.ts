// The dashboard's two languages, the locale each formats numbers and dates in, and the choice
// kept in the browser before sign-in (after sign-in the account's own language wins).
import type { components } from "@shared/api/schema";

/** The languages the API document's `Language` schema names (`LOCALES` fails to compile if one is missing). */
export type Language = components["schemas"]["Language"];
export const LANGUAGES = ["en", "el"] as const satisfies readonly Language[];

/** Cyprus' conventions in each language: `1.234,56 €` in Greek, `€1,234.56` in English. */
export const LOCALES: Record<Language, string> = { en: "en-CY", el: "el-CY" };

/** Each language's name in itself, as the language switch offers it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", el: "Ελληνικά" };

const STORAGE_KEY = "powersave.admin.language";

/** Whether a stored or answered value is one of the two languages (storage and old accounts may hold anything). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Greek when the browser's first language is Greek, else English. */
export function browserLanguage(languages: readonly string[] = navigator.languages): Language {
  return languages[0]?.toLowerCase().startsWith("el") ? "el" : "en";
}

/** The language chosen in this browser, or the browser's own. */
export function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be off (private windows); the browser's language still applies.
  }
  return browserLanguage();
}

/** Keeps the choice for the next visit to the sign-in page. */
export function storeLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Without storage the choice lasts until the page is closed.
  }
}

