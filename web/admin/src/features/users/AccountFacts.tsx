import { useTranslation } from "react-i18next";
import type { User } from "../../api/types";
import { FactList } from "../../components/FactList";
import { useFormat } from "../../i18n/useFormat";
import { RoleLabel } from "./RoleLabel";

export function AccountFacts({ user }: { user: User }) {
  const { t } = useTranslation("users");
  const format = useFormat();
  const status =
    user.disabled && user.disabled_at
      ? t("status.disabledSince", { when: format.dateTime(user.disabled_at) })
      : user.disabled
        ? t("status.disabled")
        : t("status.active");
  return (
    <FactList
      facts={[
        [t("account.email"), user.email],
        [t("account.role"), <RoleLabel role={user.role} />],
        [t("account.status"), status],
        [t("account.registered"), format.dateTime(user.created_at)],
        [t("account.lastSignIn"), user.last_login_at ? format.dateTime(user.last_login_at) : t("account.never")],
        [t("account.id"), <span className="font-mono text-xs">{user.id}</span>],
      ]}
    />
  );
}
