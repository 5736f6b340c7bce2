import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Meter } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormat } from "../../i18n/useFormat";
import { LinkMeterForm } from "./LinkMeterForm";
import { useUnlinkMeter } from "./queries";

interface Props {
  userId: string;
  meters: Meter[];
  editable: boolean;
}

export function MetersPanel({ userId, meters, editable }: Props) {
  const { t } = useTranslation("users");
  const format = useFormat();
  const unlink = useUnlinkMeter(userId);
  const [unlinking, setUnlinking] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      {meters.length === 0 ? (
        <p className="text-sm text-slate-600">{t("meters.none")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("meters.caption")}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-2 font-medium">{t("meters.meterId")}</th>
              <th scope="col" className="py-2 font-medium">{t("meters.interval")}</th>
              <th scope="col" className="py-2 font-medium">{t("meters.linkedAt")}</th>
              {editable && (
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">{t("sessions:detail.actions")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {meters.map((meter) => (
              <tr key={meter.meter_id} className="border-t border-slate-100">
                <th scope="row" className="py-2 font-mono font-normal">
                  {meter.meter_id}
                </th>
                <td className="py-2">
                  {t("meters.minutes", { count: meter.interval_minutes, formatted: format.number(meter.interval_minutes) })}
                </td>
                <td className="py-2">{meter.linked_at ? format.dateTime(meter.linked_at) : "—"}</td>
                {editable && (
                  <td className="py-2 text-right">
                    <button
                      type="button"
                      className="btn-secondary"
                      aria-label={t("meters.unlinkMeter", { meter: meter.meter_id })}
                      disabled={unlink.isPending}
                      onClick={() => setUnlinking(meter.meter_id)}
                    >
                      {t("meters.unlink")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unlink.isError && <ProblemAlert error={unlink.error} title={t("meters.unlinkFailed")} />}
      {unlinking && (
        <ConfirmDialog
          title={t("meters.unlinkQuestion", { meter: unlinking })}
          confirmLabel={t("meters.unlinkConfirm")}
          tone="danger"
          onConfirm={() => {
            unlink.mutate(unlinking);
            setUnlinking(null);
          }}
          onCancel={() => setUnlinking(null)}
        >
          {t("meters.unlinkExplanation")}
        </ConfirmDialog>
      )}
      {editable && <LinkMeterForm userId={userId} />}
    </div>
  );
}
