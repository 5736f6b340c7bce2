import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "react-router";
import type { UseMutationResult } from "@tanstack/react-query";
import { ApiError } from "@shared/api/errors";
import type { FieldError, Session, SessionPlan } from "../../api/types";
import { AudienceFields } from "./AudienceFields";
import { FormField } from "./FormField";
import { PlanProblem } from "./PlanProblem";
import { PLAN_FIELDS, toPlan, type PlanField, type PlanFormValues } from "./planForm";
import { RewardFields } from "./RewardFields";
import { WhenFields } from "./WhenFields";

interface Props {
  initial: PlanFormValues;
  timeZone: string;
  districts: string[];
  save: UseMutationResult<Session, Error, SessionPlan>;
  submitLabel: string;
  cancelTo: string;
  onSaved(session: Session): void;
}

/** A session's plan; what was typed stays as it is when the server refuses it. */
export function SessionForm({ initial, timeZone, districts, save, submitLabel, cancelTo, onSaved }: Props) {
  const [values, setValues] = useState(initial);
  const [unsendable, setUnsendable] = useState<FieldError[]>([]);
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const errorFor = (field: PlanField) =>
    [...unsendable, ...serverErrors].find((error) => error.field === field)?.message;
  const change = (update: Partial<PlanFormValues>) => setValues((old) => ({ ...old, ...update }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = toPlan(values, timeZone);
    if ("errors" in result) {
      save.reset();
      setUnsendable(result.errors);
      return;
    }
    setUnsendable([]);
    save.mutate(result.plan, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Session plan" className="card space-y-6">
      <div className="grid gap-4">
        <FormField id="session-title" label="Title" hint="Shown to households, up to 120 characters." error={errorFor("title")}>
          {(aria) => (
            <input {...aria} value={values.title} onChange={(e) => change({ title: e.target.value })} className="input" />
          )}
        </FormField>
        <FormField id="session-description" label="Description" error={errorFor("description")}>
          {(aria) => (
            <textarea
              {...aria}
              rows={3}
              value={values.description}
              onChange={(e) => change({ description: e.target.value })}
              className="input"
            />
          )}
        </FormField>
      </div>
      <WhenFields values={values} timeZone={timeZone} errorFor={errorFor} onChange={change} />
      <AudienceFields
        audience={values.audience}
        chosen={values.districts}
        districts={districts}
        error={errorFor("audience.districts")}
        onChange={change}
      />
      <RewardFields values={values} errorFor={errorFor} onChange={change} />
      {unsendable.length > 0 && <PlanProblem />}
      {save.isError && <PlanProblem error={save.error} shownFields={PLAN_FIELDS} />}
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          Back without saving
        </Link>
      </div>
    </form>
  );
}
