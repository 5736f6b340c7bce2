import { useTranslation } from "react-i18next";
import type { MeterLink } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { Section } from "../../components/Section";
import { useFormat } from "../../i18n/useFormat";
import { useMeterLinks } from "./queries";

/**
 * Every period the household held a meter, ended ones included: how it came to hold it (linked
 * by staff, its own claim, or a claim staff approved) and why the link ended, so support can
 * answer "where did my meter go?".
 */
export function MeterHistorySection({ userId }: { userId: string }) {
  const { t } = useTranslation("users");
  const links = useMeterLinks(userId);
  return (
    <Section title={t("history.title")}>
      {links.isPending && <Loading label={t("history.loading")} />}
      {links.isError && (
        <ProblemAlert error={links.error} title={t("history.loadFailed")} onRetry={() => void links.refetch()} />
      )}
      {links.data &&
        (links.data.length === 0 ? <EmptyNote>{t("history.none")}</EmptyNote> : <MeterHistoryTable links={links.data} />)}
    </Section>
  );
}

function MeterHistoryTable({ links }: { links: MeterLink[] }) {
  const { t } = useTranslation("users");
  const format = useFormat();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("history.caption")}</caption>
        <thead className="text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">{t("history.meter")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("history.how")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("history.from")}</th>
            <th scope="col" className="py-2 pr-4 font-medium">{t("history.until")}</th>
            <th scope="col" className="py-2 font-medium">{t("history.endReason")}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={`${link.meter_id}:${link.linked_at}`} className="border-t border-slate-100">
              <th scope="row" className="py-2 pr-4 font-mono font-normal">
                {link.meter_id}
              </th>
              <td className="py-2 pr-4">{t("history.howValue", { how: link.how })}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{format.dateTime(link.linked_at)}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                {link.ended_at ? format.dateTime(link.ended_at) : t("history.current")}
              </td>
              <td className="py-2">{link.end_reason ? t("history.endReasonValue", { reason: link.end_reason }) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
