import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FormEvent } from "react";
import { ROLES, type Role, type User } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useChangeRole } from "./queries";
import { roleName } from "./RoleLabel";

/** Give an account another role (superadmins only; the caller decides whether to render it). */
export function RoleControl({ user }: { user: User }) {
  const [role, setRole] = useState<Role>((ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : "consumer");
  const { t } = useTranslation("users");
  const [confirming, setConfirming] = useState(false);
  const change = useChangeRole(user.id);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  return (
    <form onSubmit={onSubmit} aria-label={t("roleControl.change")} className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="new-role" className="mb-1 block text-sm font-medium">
            {t("roleControl.newRole")}
          </label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className="input">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r, t)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary" disabled={role === user.role || change.isPending}>
          {change.isPending ? t("roleControl.changing") : t("roleControl.change")}
        </button>
      </div>
      {change.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {t("roleControl.changed", { name: user.display_name, role: user.role })}
        </p>
      )}
      {change.isError && <ProblemAlert error={change.error} title={t("roleControl.failed")} />}
      {confirming && (
        <ConfirmDialog
          title={t("roleControl.question", { name: user.display_name, role })}
          confirmLabel={t("roleControl.change")}
          onConfirm={() => {
            setConfirming(false);
            change.mutate(role);
          }}
          onCancel={() => setConfirming(false)}
        >
          {t("roleControl.explanation", { from: user.role, to: role })}
        </ConfirmDialog>
      )}
    </form>
  );
}
