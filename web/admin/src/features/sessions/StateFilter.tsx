import { SESSION_STATES, stateName } from "./states";

interface Props {
  state: string;
  onChange(state: string): void;
}

/** One state or all; the server also takes several at once, which links to the list may use. */
export function StateFilter({ state, onChange }: Props) {
  const known = state === "" || (SESSION_STATES as readonly string[]).includes(state);
  return (
    <div>
      <label htmlFor="session-state" className="mb-1 block text-sm font-medium">
        State
      </label>
      <select id="session-state" value={state} onChange={(e) => onChange(e.target.value)} className="input w-auto">
        <option value="">All states</option>
        {SESSION_STATES.map((s) => (
          <option key={s} value={s}>
            {stateName(s)}
          </option>
        ))}
        {!known && <option value={state}>{state.split(",").map(stateName).join(" or ")}</option>}
      </select>
    </div>
  );
}
