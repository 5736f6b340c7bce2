import { useTranslation } from "react-i18next";
import type { DeadLetter } from "../../api/types";
import { SortableHeader } from "../../components/SortableHeader";
import { useFormat } from "../../i18n/useFormat";
import { DEAD_LETTER_SORTS } from "./deadLetterParams";
import { Payload } from "./Payload";

interface Props {
  letters: DeadLetter[];
  busy: boolean;
  /** The order the server listed them in; the headers change it. */
  sort: string;
  onSort(sort: string): void;
}

export function DeadLetterTable({ letters, busy, sort, onSort }: Props) {
  const { t } = useTranslation("meterData");
  const format = useFormat();
  const header = { sort, onSort };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={busy} className="w-full text-left text-sm">
        <caption className="sr-only">{t("deadLetters.title")}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <SortableHeader {...header} {...DEAD_LETTER_SORTS.received}>
              {t("deadLetters.columns.received")}
            </SortableHeader>
            <SortableHeader {...header} {...DEAD_LETTER_SORTS.source}>
              {t("deadLetters.columns.source")}
            </SortableHeader>
            <SortableHeader {...header} {...DEAD_LETTER_SORTS.reason}>
              {t("deadLetters.columns.reason")}
            </SortableHeader>
            <th scope="col" className="px-4 py-2 font-medium">{t("deadLetters.columns.payload")}</th>
          </tr>
        </thead>
        <tbody className={busy ? "opacity-60" : undefined}>
          {letters.map((letter) => (
            <tr key={letter.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 font-normal whitespace-nowrap">
                {format.dateTime(letter.received_at)}
              </th>
              <td className="px-4 py-2">{letter.source_name || t("deadLetters.sourceNumber", { id: letter.source_id })}</td>
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
