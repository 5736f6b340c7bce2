import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { useStaff } from "../../auth/StaffContext";
import { AccountLanguageSwitch } from "../../i18n/AccountLanguageSwitch";
import { RoleLabel } from "../users/RoleLabel";

const links = [
  { to: "/", label: "nav.overview", end: true },
  { to: "/sessions", label: "nav.sessions", end: false },
  { to: "/users", label: "nav.users", end: false },
  { to: "/progress", label: "nav.progress", end: false },
  { to: "/claims", label: "nav.claims", end: false },
  { to: "/meter-data", label: "nav.meterData", end: false },
  { to: "/system", label: "nav.system", end: false },
] as const;

export function AppLayout() {
  const staff = useStaff();
  const { signOut } = useAuth();
  const { t } = useTranslation("layout");
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
          <p className="font-semibold text-emerald-800">{t("common:appName")}</p>
          <nav aria-label={t("mainNavigation")} className="flex gap-1">
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
                {t(link.label)}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <AccountLanguageSwitch />
            <p>
              {t("signedInAs")} <span className="font-medium">{staff.display_name}</span>{" "}
              <span className="text-slate-600">
                (<RoleLabel role={staff.role} />)
              </span>
            </p>
            <button type="button" className="btn-secondary" onClick={() => void signOut()}>
              {t("auth:signOut")}
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
