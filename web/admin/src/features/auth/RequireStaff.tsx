import { useLayoutEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { isStaff } from "../../api/types";
import { useAuth } from "../../auth/AuthProvider";
import { StaffContext } from "../../auth/StaffContext";
import { useMe } from "../../auth/useMe";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { changeLanguage } from "../../i18n/i18n";
import { TranslatedError } from "../../i18n/problems";

/** Lets signed-in staff through to the screens below it and sends everyone else to sign in. */
export function RequireStaff() {
  const { signedIn, signOut } = useAuth();
  const location = useLocation();
  const me = useMe(signedIn);
  const { t } = useTranslation("auth");

  // Once signed in, the account's language (GET /me) is the dashboard's, before the first paint.
  const language = me.data?.language;
  useLayoutEffect(() => {
    if (language) void changeLanguage(language);
  }, [language]);

  if (!signedIn) {
    const from = location.pathname + location.search;
    return <Navigate to="/signin" replace state={from === "/" ? undefined : { from }} />;
  }
  if (me.isPending) return <Loading label={t("loadingAccount")} />;
  if (me.isError || !isStaff(me.data)) {
    return (
      <main className="mx-auto max-w-md space-y-3 p-8">
        <ProblemAlert
          error={me.error ?? new TranslatedError("auth:notStaff")}
          title={t("cannotUse")}
          onRetry={me.isError ? () => void me.refetch() : undefined}
        />
        <button type="button" className="btn-secondary" onClick={() => void signOut()}>
          {t("signOut")}
        </button>
      </main>
    );
  }
  return (
    <StaffContext.Provider value={me.data}>
      <Outlet />
    </StaffContext.Provider>
  );
}
