// The one i18next instance: ICU MessageFormat messages (`{count, plural, one {# session} other
// {# sessions}}`), loaded at start-up from the bundled files, so the first render is translated.

import i18next from "i18next";
import ICU from "i18next-icu";
import { initReactI18next } from "react-i18next";
import { storeLanguage, storedLanguage, type Language } from "./languages";
import { NAMESPACES, resources } from "./resources";

/** The dashboard's own instance, so tests and the app share one and nothing else can reconfigure it. */
export const i18n = i18next.createInstance();

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources,
    lng: storedLanguage(),
    supportedLngs: ["en", "el"],
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });

// `<html lang>` follows the language, so screen readers and the browser read it right.
function applyLanguage(language: string) {
  if (typeof document !== "undefined") document.documentElement.lang = language;
}
applyLanguage(i18n.language);
i18n.on("languageChanged", applyLanguage);

/** Switches the dashboard's language and keeps the choice for the sign-in page. */
export async function changeLanguage(language: Language) {
  storeLanguage(language);
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
