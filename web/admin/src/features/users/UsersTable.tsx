import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { User } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import { USER_SORTS } from "./listParams";
import { RoleLabel } from "./RoleLabel";
import { StatusBadge } from "./StatusBadge";

interface Props {
  users: User[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
}

export function UsersTable({ users, busy, sort, onSort }: Props) {
  const header = { sort, onSort };
  const { t } = useTranslation("users");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("list.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...USER_SORTS.name}>
              {t("list.columns.name")}
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.email}>
              {t("account.email")}
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.role}>
              {t("account.role")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("account.status")}</th>
            <SortableHeader {...header} {...USER_SORTS.registered}>
              {t("account.registered")}
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.lastSignIn}>
              {t("account.lastSignIn")}
            </SortableHeader>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                <Link to={`/users/${user.id}`} className="text-emerald-800 underline-offset-2 hover:underline">
                  {user.display_name}
                </Link>
              </th>
              <td className="px-4 py-2">{user.email}</td>
              <td className="px-4 py-2">
                <RoleLabel role={user.role} />
              </td>
              <td className="px-4 py-2">
                <StatusBadge disabled={user.disabled} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap">{format.dateTime(user.created_at)}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                {user.last_login_at ? format.dateTime(user.last_login_at) : t("account.never")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
