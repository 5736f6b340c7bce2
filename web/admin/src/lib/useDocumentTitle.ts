import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Names the browser tab after the screen (`title` already translated), in the language on screen. */
export function useDocumentTitle(title: string) {
  const { t } = useTranslation();
  const suffix = t("appName");
  useEffect(() => {
    document.title = `${title} · ${suffix}`;
  }, [title, suffix]);
}
