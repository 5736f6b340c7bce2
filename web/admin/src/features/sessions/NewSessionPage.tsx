import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { useProgramme } from "../programme/useProgramme";
import { NEW_PLAN } from "./planForm";
import { useCreateSession } from "./queries";
import { SessionForm } from "./SessionForm";

export function NewSessionPage() {
  const { t } = useTranslation("sessions");
  useDocumentTitle(t("new.title"));
  const programme = useProgramme();
  const create = useCreateSession();
  const navigate = useNavigate();

  return (
    <div className="space-y-6">
      <Link to="/sessions" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        {t("detail.allSessions")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("new.title")}</h1>
      <p className="text-sm text-slate-600">{t("new.intro")}</p>
      {programme.isPending && <Loading label={t("form.programmeLoading")} />}
      {programme.isError && (
        <ProblemAlert error={programme.error} title={t("form.programmeFailed")} onRetry={() => void programme.refetch()} />
      )}
      {programme.data && (
        <SessionForm
          initial={NEW_PLAN}
          timeZone={programme.data.time_zone}
          districts={programme.data.districts}
          save={create}
          submitLabel={t("new.save")}
          cancelTo="/sessions"
          onSaved={(session) => void navigate(`/sessions/${session.id}`)}
        />
      )}
    </div>
  );
}
