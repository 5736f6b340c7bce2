import { Link } from "react-router";
import type { User } from "../../api/types";
import { useDateTimeFormat } from "../programme/useProgramme";
import { RoleLabel } from "./RoleLabel";
import { StatusBadge } from "./StatusBadge";

export function UsersTable({ users, busy }: { users: User[]; busy: boolean }) {
  const formatDateTime = useDateTimeFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Users</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">E-mail</th>
            <th scope="col" className="px-4 py-2 font-medium">Role</th>
            <th scope="col" className="px-4 py-2 font-medium">Status</th>
            <th scope="col" className="px-4 py-2 font-medium">Registered</th>
            <th scope="col" className="px-4 py-2 font-medium">Last sign-in</th>
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
