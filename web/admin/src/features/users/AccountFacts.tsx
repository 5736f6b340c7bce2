import type { User } from "../../api/types";
import { FactList } from "../../components/FactList";
import { useDateTimeFormat } from "../programme/useProgramme";
import { RoleLabel } from "./RoleLabel";

export function AccountFacts({ user }: { user: User }) {
  const formatDateTime = useDateTimeFormat();
  const status =
    user.disabled && user.disabled_at ? `Disabled since ${formatDateTime(user.disabled_at)}` : user.disabled ? "Disabled" : "Active";
  return (
    <FactList
      facts={[
        ["E-mail", user.email],
        ["Role", <RoleLabel role={user.role} />],
        ["Status", status],
        ["Registered", formatDateTime(user.created_at)],
        ["Last sign-in", user.last_login_at ? formatDateTime(user.last_login_at) : "Never"],
        ["Account id", <span className="font-mono text-xs">{user.id}</span>],
      ]}
    />
  );
}
