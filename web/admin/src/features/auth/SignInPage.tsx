import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { ProblemAlert } from "../../components/ProblemAlert";
import { changeLanguage } from "../../i18n/i18n";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import { useDocumentTitle } from "../../lib/useDocumentTitle";

/** Where to go after signing in: the page that sent the visitor here, or the overview. */
function returnPath(state: unknown): string {
  if (typeof state === "object" && state !== null && "from" in state && typeof state.from === "string") {
    return state.from;
  }
  return "/";
}

export function SignInPage() {
  const { t } = useTranslation("auth");
  useDocumentTitle(t("signIn"));
  const { signedIn, signIn } = useAuth();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const attempt = useMutation({ mutationFn: () => signIn(email.trim(), password) });

  if (signedIn) return <Navigate to={returnPath(location.state)} replace />;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    attempt.mutate();
  }

  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="card w-full max-w-sm">
        <div className="mb-2 flex items-center justify-between gap-2">
          <p className="text-sm font-semibold text-emerald-700">PowerSave</p>
          {/* Kept in this browser until sign-in; then the account's own language applies. */}
          <LanguageSwitch onChange={(language) => void changeLanguage(language)} />
        </div>
        <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
        <form onSubmit={onSubmit} className="space-y-4" aria-label={t("signIn")}>
          <div>
            <label htmlFor="email" className="mb-1 block text-sm font-medium">
              {t("email")}
            </label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              className="input"
            />
          </div>
          <div>
            <label htmlFor="password" className="mb-1 block text-sm font-medium">
              {t("password")}
            </label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="input"
            />
          </div>
          {attempt.isError && <ProblemAlert error={attempt.error} title={t("failed")} />}
          <button type="submit" className="btn-primary w-full" disabled={attempt.isPending}>
            {attempt.isPending ? t("signingIn") : t("signIn")}
          </button>
        </form>
      </div>
    </main>
  );
}
