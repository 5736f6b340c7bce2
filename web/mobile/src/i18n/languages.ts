// The two languages the app speaks and how the device's own language picks one of them.
import { getLocales } from "expo-localization";
import type { AccountLanguage } from "../api/types";

/** A language of the app: the server's `Language`, so a new one on either side is a type error here. */
export type Language = AccountLanguage;

/** In the order the language switch offers them. */
export const LANGUAGES: readonly Language[] = ["el", "en"];

/** Each language's name in itself, so a reader finds theirs whatever the app speaks now. */
export const LANGUAGE_NAMES: Record<Language, string> = { el: "Ελληνικά", en: "English" };

export function isLanguage(value: unknown): value is Language {
  return value === "el" || value === "en";
}

/**
 * Greek when the device (or the browser, through navigator.language on the web) prefers Greek,
 * else English: the programme's households read one of the two, and English is the common one.
 */
export function deviceLanguage(): Language {
  try {
    return getLocales()[0]?.languageCode === "el" ? "el" : "en";
  } catch {
    return "en";
  }
}
