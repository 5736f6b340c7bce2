import { Navigate, Outlet, useLocation } from "react-router";
import { isStaff } from "../../api/types";
import { useAuth } from "../../auth/AuthProvider";
import { StaffContext } from "../../auth/StaffContext";
import { useMe } from "../../auth/useMe";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";

/** Lets signed-in staff through to the screens below it and sends everyone else to sign in. */
export function RequireStaff() {
  const { signedIn, signOut } = useAuth();
  const location = useLocation();
  const me = useMe(signedIn);

  if (!signedIn) {
    const from = location.pathname + location.search;
    return <Navigate to="/signin" replace state={from === "/" ? undefined : { from }} />;
  }
  if (me.isPending) return <Loading label="Loading your account…" />;
  if (me.isError || !isStaff(me.data)) {
    return (
      <main className="mx-auto max-w-md space-y-3 p-8">
        <ProblemAlert
          error={me.error ?? new Error("This dashboard is for utility staff.")}
          title="You cannot use the dashboard with this sign-in"
          onRetry={me.isError ? () => void me.refetch() : undefined}
        />
        <button type="button" className="btn-secondary" onClick={() => void signOut()}>
          Sign out
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
