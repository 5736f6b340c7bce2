import i18next, { type i18n } from "i18next";
import ICU from "i18next-icu";
import { initReactI18next } from "react-i18next";
import type { Language } from "./languages";
import { NAMESPACES, resources } from "./resources";

/**
 * One translator per app (and per test), ready at once: the translations are bundled, so the
 * first frame is already in the chosen language. Messages are ICU MessageFormat, so plurals
 * follow each language's own rules ("1 πόντος", "2 πόντοι").
 */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      supportedLngs: ["el", "en"],
      fallbackLng: "en",
      ns: NAMESPACES,
      defaultNS: "common",
      resources,
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  return instance;
}
