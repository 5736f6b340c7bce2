import { useState } from "react";
import type { Meter } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDateTimeFormat } from "../programme/useProgramme";
import { LinkMeterForm } from "./LinkMeterForm";
import { useUnlinkMeter } from "./queries";

interface Props {
  userId: string;
  meters: Meter[];
  editable: boolean;
}

export function MetersPanel({ userId, meters, editable }: Props) {
  const formatDateTime = useDateTimeFormat();
  const unlink = useUnlinkMeter(userId);
  const [unlinking, setUnlinking] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      {meters.length === 0 ? (
        <p className="text-sm text-slate-600">No meters are linked to this household.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Linked meters</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-2 font-medium">Meter id</th>
              <th scope="col" className="py-2 font-medium">Interval</th>
              <th scope="col" className="py-2 font-medium">Linked</th>
              {editable && (
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Actions</span>
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
                <td className="py-2">{meter.interval_minutes} minutes</td>
                <td className="py-2">{meter.linked_at ? formatDateTime(meter.linked_at) : "—"}</td>
                {editable && (
                  <td className="py-2 text-right">
                    <button
                      type="button"
                      className="btn-secondary"
                      aria-label={`Unlink meter ${meter.meter_id}`}
                      disabled={unlink.isPending}
                      onClick={() => setUnlinking(meter.meter_id)}
                    >
                      Unlink
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unlink.isError && <ProblemAlert error={unlink.error} title="Could not unlink the meter" />}
      {unlinking && (
        <ConfirmDialog
          title={`Unlink meter ${unlinking}?`}
          confirmLabel="Unlink meter"
          tone="danger"
          onConfirm={() => {
            unlink.mutate(unlinking);
            setUnlinking(null);
          }}
          onCancel={() => setUnlinking(null)}
        >
          Its readings are kept, but they no longer count for this household.
        </ConfirmDialog>
      )}
      {editable && <LinkMeterForm userId={userId} />}
    </div>
  );
}
