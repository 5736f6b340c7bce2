import type { DataSource, DeadLetter } from "../../api/types";
import { useDateTimeFormat } from "../programme/useProgramme";
import { Payload } from "./Payload";

interface Props {
  letters: DeadLetter[];
  sources: DataSource[];
  busy: boolean;
}

export function DeadLetterTable({ letters, sources, busy }: Props) {
  const formatDateTime = useDateTimeFormat();
  const sourceName = (id: number) => sources.find((source) => source.id === id)?.name ?? `Source ${id}`;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">Dead letters</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Received</th>
            <th scope="col" className="px-4 py-2 font-medium">Source</th>
            <th scope="col" className="px-4 py-2 font-medium">Reason</th>
            <th scope="col" className="px-4 py-2 font-medium">Payload</th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {letters.map((letter) => (
            <tr key={letter.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap">
                {formatDateTime(letter.received_at)}
              </th>
              <td className="px-4 py-2">{sourceName(letter.source_id)}</td>
              <td className="px-4 py-2">{letter.reason}</td>
              <td className="px-4 py-2">
                <Payload text={letter.payload} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
