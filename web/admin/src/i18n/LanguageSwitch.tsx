import { useId } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages";

interface Props {
  onChange(language: Language): void;
  disabled?: boolean;
}

/**
 * The language select, named "Language" / «Γλώσσα»; each language is offered in its own name
 * (and marked as such, so a screen reader says «Ελληνικά» in Greek on an English page).
 */
export function LanguageSwitch({ onChange, disabled = false }: Props) {
  const id = useId();
  const { t, i18n } = useTranslation();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id}>{t("language")}</label>
      <select
        id={id}
        value={i18n.language}
        disabled={disabled}
        onChange={(e) => {
          if (isLanguage(e.target.value)) onChange(e.target.value);
        }}
        className="input w-auto py-1"
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
