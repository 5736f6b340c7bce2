import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useProgramme } from "../features/programme/useProgramme";
import { createFormatter, type Formatter } from "../lib/format";
import { isLanguage, LOCALES } from "./languages";

/**
 * The formatters for the language on screen, with dates in the programme's time zone (the
 * browser's until it is known); a component that formats re-renders when either changes.
 */
export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const timeZone = useProgramme().data?.time_zone;
  const language = isLanguage(i18n.language) ? i18n.language : "en";
  return useMemo(() => createFormatter(LOCALES[language], timeZone), [language, timeZone]);
}
