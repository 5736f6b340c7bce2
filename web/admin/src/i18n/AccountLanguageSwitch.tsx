import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { meApi } from "../api/endpoints";
import { meQueryKey } from "../auth/useMe";
import { changeLanguage } from "./i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import type { Language } from "./languages";
import { problemText } from "./problems";

/**
 * The header's language switch: the choice is the account's (PATCH /me), so every screen, export
 * and message the server makes for this person follows it; the dashboard switches once it is kept.
 */
export function AccountLanguageSwitch() {
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation();
  const save = useMutation({
    mutationFn: (language: Language) => meApi.update({ language }),
    onSuccess: async (me, language) => {
      queryClient.setQueryData(meQueryKey, me);
      await changeLanguage(language);
    },
  });
  return (
    <div>
      <LanguageSwitch onChange={(language) => save.mutate(language)} disabled={save.isPending} />
      {save.isError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t("languageNotSaved")} {problemText(save.error, t, i18n.language)}
        </p>
      )}
    </div>
  );
}
