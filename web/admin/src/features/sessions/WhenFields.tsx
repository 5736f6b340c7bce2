import type { PlanField, PlanFormValues } from "./planForm";
import { FormField } from "./FormField";

interface Props {
  values: PlanFormValues;
  timeZone: string;
  errorFor(field: PlanField): string | undefined;
  onChange(change: Partial<PlanFormValues>): void;
}

/** Start, end and join deadline on the programme's wall clock, and whether notice is short. */
export function WhenFields({ values, timeZone, errorFor, onChange }: Props) {
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">When</legend>
      <p className="text-sm text-slate-600">
        Times are in the programme's time zone, {timeZone}, on the hour or half past.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="session-starts-at" label="Start" error={errorFor("starts_at")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.startsAt}
              onChange={(e) => onChange({ startsAt: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField id="session-ends-at" label="End" hint="30 minutes to 4 hours after the start." error={errorFor("ends_at")}>
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.endsAt}
              onChange={(e) => onChange({ endsAt: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField
          id="session-join-deadline"
          label="Join deadline"
          hint="Optional; households can join until the start otherwise."
          error={errorFor("join_deadline")}
        >
          {(aria) => (
            <input
              {...aria}
              type="datetime-local"
              step={1800}
              value={values.joinDeadline}
              onChange={(e) => onChange({ joinDeadline: e.target.value })}
              className="input"
            />
          )}
        </FormField>
      </div>
      <div className="flex items-start gap-2">
        <input
          id="session-surprise"
          type="checkbox"
          checked={values.surprise}
          onChange={(e) => onChange({ surprise: e.target.checked })}
          aria-describedby="session-surprise-hint"
          className="mt-1"
        />
        <div>
          <label htmlFor="session-surprise" className="text-sm font-medium">
            Surprise session
          </label>
          <p id="session-surprise-hint" className="text-xs text-slate-600">
            Short notice: it may be announced 30 minutes before the start instead of a day.
          </p>
        </div>
      </div>
    </fieldset>
  );
}
