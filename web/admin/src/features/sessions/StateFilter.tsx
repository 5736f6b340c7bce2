import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/useFormat";
import { SESSION_STATES, stateName } from "./states";

interface Props {
  state: string;
  onChange(state: string): void;
}

/** One state or all; the server also takes several at once, which links to the list may use. */
export function StateFilter({ state, onChange }: Props) {
  const { t } = useTranslation("sessions");
  const known = state === "" || (SESSION_STATES as readonly string[]).includes(state);
  const format = useFormat();
  return (
    <div>
      <label htmlFor="session-state" className="mb-1 block text-sm font-medium">
        {t("list.state")}
      </label>
      <select id="session-state" value={state} onChange={(e) => onChange(e.target.value)} className="input w-auto">
        <option value="">{t("list.allStates")}</option>
        {SESSION_STATES.map((s) => (
          <option key={s} value={s}>
            {stateName(s, t)}
          </option>
        ))}
        {!known && <option value={state}>{format.listOr(state.split(",").map((s) => stateName(s, t)))}</option>}
      </select>
    </div>
  );
}
