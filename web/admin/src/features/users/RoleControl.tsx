import { useState } from "react";
import type { FormEvent } from "react";
import { ROLES, type Role, type User } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useChangeRole } from "./queries";
import { roleName } from "./RoleLabel";

/** Give an account another role (superadmins only; the caller decides whether to render it). */
export function RoleControl({ user }: { user: User }) {
  const [role, setRole] = useState<Role>((ROLES as readonly string[]).includes(user.role) ? (user.role as Role) : "consumer");
  const [confirming, setConfirming] = useState(false);
  const change = useChangeRole(user.id);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  return (
    <form onSubmit={onSubmit} aria-label="Change role" className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="new-role" className="mb-1 block text-sm font-medium">
            New role
          </label>
          <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)} className="input">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary" disabled={role === user.role || change.isPending}>
          {change.isPending ? "Changing…" : "Change role"}
        </button>
      </div>
      {change.isSuccess && (
        <p role="status" className="text-sm text-slate-700">
          {user.display_name} is now {roleName(user.role).toLowerCase()}.
        </p>
      )}
      {change.isError && <ProblemAlert error={change.error} title="Could not change the role" />}
      {confirming && (
        <ConfirmDialog
          title={`Make ${user.display_name} ${roleName(role).toLowerCase()}?`}
          confirmLabel="Change role"
          onConfirm={() => {
            setConfirming(false);
            change.mutate(role);
          }}
          onCancel={() => setConfirming(false)}
        >
          {`Their role changes from ${roleName(user.role).toLowerCase()} to ${roleName(role).toLowerCase()} on their next request.`}
        </ConfirmDialog>
      )}
    </form>
  );
}
