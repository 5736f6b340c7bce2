import { useState } from "react";
import type { User } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useSetDisabled } from "./queries";

/** Disable or enable an account, after a confirmation. */
export function AccountStatusControl({ user }: { user: User }) {
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
        {change.isPending ? (disabling ? "Disabling…" : "Enabling…") : disabling ? "Disable account" : "Enable account"}
      </button>
      {change.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {user.disabled ? "The account is disabled." : "The account is enabled."}
        </p>
      )}
      {change.isError && <ProblemAlert error={change.error} title="Could not change the account's status" />}
      {confirming && (
        <ConfirmDialog
          title={disabling ? `Disable ${user.display_name}'s account?` : `Enable ${user.display_name}'s account?`}
          confirmLabel={disabling ? "Disable account" : "Enable account"}
          tone={disabling ? "danger" : "primary"}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          {disabling
            ? "They are signed out everywhere and cannot sign in until the account is enabled again."
            : "They can sign in again with their password."}
        </ConfirmDialog>
      )}
    </div>
  );
}
