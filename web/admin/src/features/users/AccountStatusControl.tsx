import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useSetDisabled } from "./queries";

/** Disable or enable an account, after a confirmation. */
export function AccountStatusControl({ user }: { user: User }) {
  const { t } = useTranslation("users");
  const [confirming, setConfirming] = useState(false);
  const change = useSetDisabled(user.id);
  const disabling = !user.disabled;

  function confirm() {
    setConfirming(false);
    change.mutate(disabling);
  }

  return (
    <div className="space-y-3">
      <button
        type="button"
        className={disabling ? "btn-danger" : "btn-primary"}
        disabled={change.isPending}
        onClick={() => setConfirming(true)}
      >
        {change.isPending
          ? disabling
            ? t("status.disabling")
            : t("status.enabling")
          : disabling
            ? t("status.disable")
            : t("status.enable")}
      </button>
      {change.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {user.disabled ? t("status.isDisabled") : t("status.isEnabled")}
        </p>
      )}
      {change.isError && <ProblemAlert error={change.error} title={t("status.changeFailed")} />}
      {confirming && (
        <ConfirmDialog
          title={
            disabling
              ? t("status.disableQuestion", { name: user.display_name })
              : t("status.enableQuestion", { name: user.display_name })
          }
          confirmLabel={disabling ? t("status.disable") : t("status.enable")}
          tone={disabling ? "danger" : "primary"}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {disabling ? t("status.disableExplanation") : t("status.enableExplanation")}
        </ConfirmDialog>
      )}
    </div>
  );
}
