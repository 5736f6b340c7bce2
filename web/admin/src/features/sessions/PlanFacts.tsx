import type { Session } from "../../api/types";
import { FactList } from "../../components/FactList";
import { formatNumber } from "../../lib/format";
import { useDateTimeFormat, useDateTimeRangeFormat } from "../programme/useProgramme";
import { baselineMethodName } from "./baselineMethods";

function audienceText(audience: Session["audience"]): string {
  return audience.kind === "everyone" ? "Every household" : `Households in ${audience.districts.join(", ")}`;
}

export function PlanFacts({ session }: { session: Session }) {
  const formatDateTime = useDateTimeFormat();
  const formatRange = useDateTimeRangeFormat();
  return (
    <FactList
      facts={[
        ["When", formatRange(session.starts_at, session.ends_at)],
        ["Join deadline", formatDateTime(session.join_deadline)],
        ["Notice", session.surprise ? "Surprise (short notice)" : "Regular (a day ahead)"],
        ["Announced", session.announced_at ? formatDateTime(session.announced_at) : "Not yet"],
        ["Audience", audienceText(session.audience)],
        ["Participants", formatNumber(session.participants)],
        ["Points per kWh saved", formatNumber(session.points_per_kwh)],
        ["Opt-in bonus", `${formatNumber(session.opt_in_bonus)} points`],
        ["Baseline method", baselineMethodName(session.baseline_method)],
        ["Description", session.description || "None"],
      ]}
    />
  );
}
