import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { UseMutationResult } from "@tanstack/react-query";
import { ApiError } from "@shared/api/errors";
import type { Session, SessionPlan } from "../../api/types";
import { fieldErrorText } from "../../i18n/problems";
import { AudienceFields } from "./AudienceFields";
import { FormField } from "./FormField";
import { PlanProblem } from "./PlanProblem";
import { PLAN_FIELDS, toPlan, type PlanField, type PlanFormValues, type UnsendableField } from "./planForm";
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
  const { t, i18n } = useTranslation("sessions");
  const [values, setValues] = useState(initial);
  const [unsendable, setUnsendable] = useState<UnsendableField[]>([]);
  const serverErrors = save.error instanceof ApiError ? save.error.fieldErrors : [];
  const errorFor = (field: PlanField) => {
    const own = unsendable.find((error) => error.field === field);
    if (own) return t(`form.unsendable.${own.reason}`);
    const server = serverErrors.find((error) => error.field === field);
    return server && fieldErrorText(server, t, i18n.language);
  };
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
    <form onSubmit={onSubmit} noValidate aria-label={t("form.label")} className="card space-y-6">
      <div className="grid gap-4">
        <FormField id="session-title" label={t("form.title")} hint={t("form.titleHint")} error={errorFor("title")}>
          {(aria) => (
            <input {...aria} value={values.title} onChange={(e) => change({ title: e.target.value })} className="input" />
          )}
        </FormField>
        <FormField id="session-description" label={t("form.description")} error={errorFor("description")}>
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
        <FormField id="session-title-el" label={t("form.titleEl")} hint={t("form.titleElHint")} error={errorFor("title_el")}>
          {(aria) => (
            <input
              {...aria}
              lang="el"
              value={values.titleEl}
              onChange={(e) => change({ titleEl: e.target.value })}
              className="input"
            />
          )}
        </FormField>
        <FormField id="session-description-el" label={t("form.descriptionEl")} error={errorFor("description_el")}>
          {(aria) => (
            <textarea
              {...aria}
              lang="el"
              rows={3}
              value={values.descriptionEl}
              onChange={(e) => change({ descriptionEl: e.target.value })}
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
          {save.isPending ? t("form.saving") : submitLabel}
        </button>
        <Link to={cancelTo} className="btn-secondary">
          {t("form.back")}
        </Link>
      </div>
    </form>
  );
}
