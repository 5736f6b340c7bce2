import { Link } from "react-router";
import type { User } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useDateTimeFormat } from "../programme/useProgramme";
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
  const formatDateTime = useDateTimeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...USER_SORTS.name}>
              Name
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.email}>
              E-mail
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.role}>
              Role
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <SortableHeader {...header} {...USER_SORTS.registered}>
              Registered
            </SortableHeader>
            <SortableHeader {...header} {...USER_SORTS.lastSignIn}>
              Last sign-in
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
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(user.created_at)}</td>
              <td className="px-4 py-2 whitespace-nowrap">
                {user.last_login_at ? formatDateTime(user.last_login_at) : "Never"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
