import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { Programme, Session } from "../../api/types";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { useProgramme } from "../programme/useProgramme";
import { planFromSession } from "./planForm";
import { useSession, useUpdateSession } from "./queries";
import { SessionForm } from "./SessionForm";
import { canEdit } from "./states";

export function EditSessionPage() {
  const { id = "" } = useParams();
  const session = useSession(id);
  const programme = useProgramme();
  const { t } = useTranslation("sessions");
  useDocumentTitle(session.data ? t("edit.heading", { title: session.data.title }) : t("edit.title"));

  return (
    <div className="space-y-6">
      <Link to={`/sessions/${id}`} className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        {t("edit.back")}
      </Link>
      {(session.isPending || programme.isPending) && <Loading label={t("detail.loading")} />}
      {session.isError && (
        <ProblemAlert error={session.error} title={t("detail.loadFailed")} onRetry={() => void session.refetch()} />
      )}
      {programme.isError && (
        <ProblemAlert error={programme.error} title={t("form.programmeFailed")} onRetry={() => void programme.refetch()} />
      )}
      {session.data && programme.data && <EditView session={session.data} programme={programme.data} />}
    </div>
  );
}

function EditView({ session, programme }: { session: Session; programme: Programme }) {
  const update = useUpdateSession(session.id);
  const navigate = useNavigate();
  const { t } = useTranslation("sessions");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("edit.heading", { title: session.title })}</h1>
      {canEdit(session.state) ? (
        <SessionForm
          initial={planFromSession(session, programme.time_zone)}
          timeZone={programme.time_zone}
          districts={programme.districts}
          save={update}
          submitLabel={t("edit.save")}
          cancelTo={`/sessions/${session.id}`}
          onSaved={() => void navigate(`/sessions/${session.id}`)}
        />
      ) : (
        <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          {t("edit.notEditable", { state: session.state })}
        </p>
      )}
    </>
  );
}
