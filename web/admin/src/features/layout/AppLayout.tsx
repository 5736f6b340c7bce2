import { NavLink, Outlet } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { useStaff } from "../../auth/StaffContext";
import { RoleLabel } from "../users/RoleLabel";

const links = [
  { to: "/", label: "Overview", end: true },
  { to: "/sessions", label: "Sessions", end: false },
  { to: "/users", label: "Users", end: false },
  { to: "/meter-data", label: "Meter data", end: false },
  { to: "/system", label: "System", end: false },
];

export function AppLayout() {
  const staff = useStaff();
  const { signOut } = useAuth();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
          <p className="font-semibold text-emerald-800">PowerSave Admin</p>
          <nav aria-label="Main" className="flex gap-1">
            {links.map((link) => (
              <NavLink
                key={link.to}
                to={link.to}
                end={link.end}
                className={({ isActive }) =>
                  `rounded-md px-3 py-1.5 text-sm font-medium ${
                    isActive ? "bg-emerald-50 text-emerald-800" : "text-slate-700 hover:bg-slate-100"
                  }`
                }
              >
                {link.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <p>
              Signed in as <span className="font-medium">{staff.display_name}</span>{" "}
              <span className="text-slate-600">
                (<RoleLabel role={staff.role} />)
              </span>
            </p>
            <button type="button" className="btn-secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Outlet />
      </main>
    </div>
  );
}
