import { Link } from "react-router";
import type { TopSaver } from "../../api/types";
import { formatQuantity } from "../../lib/format";

export function TopSaversTable({ savers }: { savers: TopSaver[] }) {
  if (savers.length === 0) return <p className="text-sm text-slate-600">No household saved energy in this session.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Top savers</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Household</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">Saved</th>
            <th scope="col" className="px-4 py-2 text-right font-medium">% of baseline</th>
          </tr>
        </thead>
        <tbody>
          {savers.map((saver) => (
            <tr key={saver.user_id} className="border-t border-slate-100">
              <th scope="row" className="px-4 py-2 font-medium">
                <Link to={`/users/${saver.user_id}`} className="text-emerald-800 underline-offset-2 hover:underline">
                  {saver.display_name}
                </Link>
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{formatQuantity(saver.saved_kwh, "kWh")}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {saver.percent_saved == null ? "Unknown" : formatQuantity(saver.percent_saved, "%", 1)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
