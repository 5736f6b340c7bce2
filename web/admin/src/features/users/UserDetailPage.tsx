import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { User, UserDetail } from "../../api/types";
import { useStaff } from "../../auth/StaffContext";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { HouseholdProgressSection } from "../progress/HouseholdProgressSection";
import { AccountFacts } from "./AccountFacts";
import { AccountStatusControl } from "./AccountStatusControl";
import { ConsumptionSection } from "./ConsumptionSection";
import { HouseholdFacts } from "./HouseholdFacts";
import { JoinedSessionsSection } from "./JoinedSessionsSection";
import { MeterHistorySection } from "./MeterHistorySection";
import { MetersPanel } from "./MetersPanel";
import { canChangeRole, canManage } from "./permissions";
import { PointsSection } from "./PointsSection";
import { useUser } from "./queries";
import { RoleControl } from "./RoleControl";
import { StatusBadge } from "./StatusBadge";

export function UserDetailPage() {
  const { id = "" } = useParams();
  const staff = useStaff();
  const detail = useUser(id);
  const { t } = useTranslation("users");
  useDocumentTitle(detail.data?.user.display_name ?? t("detail.title"));

  return (
    <div className="space-y-6">
      <Link to="/users" className="text-sm text-emerald-800 underline-offset-2 hover:underline">
        {t("detail.allUsers")}
      </Link>
      {detail.isPending && <Loading label={t("detail.loading")} />}
      {detail.isError && (
        <ProblemAlert error={detail.error} title={t("detail.loadFailed")} onRetry={() => void detail.refetch()} />
      )}
      {detail.data && <UserDetailView staff={staff} detail={detail.data} />}
    </div>
  );
}

function UserDetailView({ staff, detail }: { staff: User; detail: UserDetail }) {
  const { user, household } = detail;
  const manageable = canManage(staff, user);
  const { t } = useTranslation("users");
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{user.display_name}</h1>
        <StatusBadge disabled={user.disabled} />
      </div>
      {!manageable && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          {staff.id === user.id ? t("detail.ownAccount") : t("detail.superadminOnly")}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("detail.account")}>
          <AccountFacts user={user} />
          {manageable && <AccountStatusControl user={user} />}
        </Section>
        <Section title={t("detail.household")}>
          <HouseholdFacts household={household} />
        </Section>
        <Section title={t("detail.meters")}>
          <MetersPanel userId={user.id} meters={household.meters} editable={manageable} />
        </Section>
        {canChangeRole(staff, user) && (
          <Section title={t("account.role")}>
            <RoleControl user={user} />
          </Section>
        )}
      </div>
      <MeterHistorySection userId={user.id} />
      <ConsumptionSection userId={user.id} household={household} />
      <JoinedSessionsSection userId={user.id} />
      <HouseholdProgressSection userId={user.id} displayName={user.display_name} />
      <PointsSection userId={user.id} />
    </>
  );
}
