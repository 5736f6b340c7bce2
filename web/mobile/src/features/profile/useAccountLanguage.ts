import { useEffect } from "react";
import { useLanguage } from "../../i18n/LanguageProvider";
import { isLanguage } from "../../i18n/languages";
import { useMe } from "./queries";

/**
 * Once signed in, the account's language (GET /me) wins over what was chosen on this device;
 * it is kept as the device's choice too, so the sign-in screen speaks it after signing out.
 */
export function useAccountLanguage(): void {
  const me = useMe();
  const { language, choose } = useLanguage();
  const account = me.data?.language;
  useEffect(() => {
    if (isLanguage(account) && account !== language) choose(account);
  }, [account, language, choose]);
}
