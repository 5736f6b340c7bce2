import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Session } from "../../api/types";
import { FactList } from "../../components/FactList";
import { districtName } from "../../i18n/districts";
import { useFormat } from "../../i18n/useFormat";
import type { Formatter } from "../../lib/format";
import { baselineMethodName } from "./baselineMethods";

function audienceText(audience: Session["audience"], t: TFunction, format: Formatter): string {
  return audience.kind === "everyone"
    ? t("plan.everyone")
    : t("plan.inDistricts", { districts: format.list(audience.districts.map((d) => districtName(d, t))) });
}

/** The Greek texts households reading Greek see, when the session has them. */
function greekFacts(session: Session, t: TFunction): [string, string][] {
  const facts: [string, string][] = [];
  if (session.title_el) facts.push([t("plan.titleEl"), session.title_el]);
  if (session.description_el) facts.push([t("plan.descriptionEl"), session.description_el]);
  return facts;
}

export function PlanFacts({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  return (
    <FactList
      facts={[
        [t("plan.when"), format.dateTimeRange(session.starts_at, session.ends_at)],
        [t("plan.joinDeadline"), format.dateTime(session.join_deadline)],
        [t("plan.notice"), session.surprise ? t("plan.surprise") : t("plan.regular")],
        [t("plan.announced"), session.announced_at ? format.dateTime(session.announced_at) : t("plan.notYet")],
        [t("plan.audience"), audienceText(session.audience, t, format)],
        [t("plan.participants"), format.number(session.participants)],
        [t("plan.pointsPerKwh"), format.number(session.points_per_kwh)],
        [t("plan.optInBonus"), t("common:points", { count: session.opt_in_bonus, formatted: format.number(session.opt_in_bonus) })],
        [t("plan.baselineMethod"), baselineMethodName(session.baseline_method, t)],
        [t("plan.description"), session.description || t("plan.none")],
        ...greekFacts(session, t),
      ]}
    />
  );
}
