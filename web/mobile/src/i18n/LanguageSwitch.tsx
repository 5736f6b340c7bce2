import { useTranslation } from "react-i18next";
import { Choices } from "../ui/Choices";
import { LANGUAGE_NAMES, LANGUAGES, type Language } from "./languages";

interface Props {
  value: Language;
  onChange(language: Language): void;
  error?: string;
}

/** "Language": Ελληνικά or English, each written in itself so either reader finds theirs. */
export function LanguageSwitch({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Choices<Language>
      label={t("language.label")}
      options={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language], lang: language }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
