import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Claim } from "../../api/types";
import { useFormat } from "../../i18n/useFormat";
import { useUser } from "../users/queries";

interface Props {
  claims: Claim[];
  busy: boolean;
  /** Opens the decision on a claim in review. */
  onDecide(claim: Claim, approve: boolean): void;
}

/** Households' claims on meters, newest first, with the reason each waits for staff in words. */
export function ClaimsTable({ claims, busy, onDecide }: Props) {
  const { t } = useTranslation("claims");
  const format = useFormat();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("table.caption")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.when")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.household")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.meter")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.accountNumber")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.status")}</th>
            <th scope="col" className="px-4 py-2 font-medium">{t("table.reason")}</th>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">{t("table.decision")}</span>
            </th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {claims.map((claim) => (
            <tr key={claim.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap">
                {format.dateTime(claim.created_at)}
              </th>
              <td className="px-4 py-2">
                <HouseholdLink userId={claim.user_id} />
              </td>
              <td className="px-4 py-2 font-mono whitespace-nowrap">{claim.meter_id}</td>
              <td className="px-4 py-2 font-mono whitespace-nowrap">{claim.account_number}</td>
              <td className="px-4 py-2">{t("status", { status: claim.status })}</td>
              <td className="px-4 py-2">
                {claim.review_reason ? t("reason", { reason: claim.review_reason }) : "—"}
                {claim.decision_note && (
                  <p className="mt-1 text-slate-600">{t("table.note", { note: claim.decision_note })}</p>
                )}
              </td>
              <td className="px-4 py-2 text-right whitespace-nowrap">
                {claim.status === "review" && (
                  <div className="flex justify-end gap-2">
                    <button
                      type="button"
                      className="btn-primary"
                      aria-label={t("decide.approveLabel", { meter: claim.meter_id })}
                      onClick={() => onDecide(claim, true)}
                    >
                      {t("decide.approve")}
                    </button>
                    <button
                      type="button"
                      className="btn-secondary"
                      aria-label={t("decide.rejectLabel", { meter: claim.meter_id })}
                      onClick={() => onDecide(claim, false)}
                    >
                      {t("decide.reject")}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The claiming account by its name once known (the user's page shares the answer), by its id until then. */
function HouseholdLink({ userId }: { userId: string }) {
  const name = useUser(userId).data?.user.display_name;
  return (
    <Link
      to={`/users/${userId}`}
      className={`text-emerald-800 underline-offset-2 hover:underline ${name ? "" : "font-mono text-xs"}`}
    >
      {name ?? userId}
    </Link>
  );
}
