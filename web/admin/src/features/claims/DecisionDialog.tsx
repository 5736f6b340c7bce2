import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Claim } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useDecideClaim } from "./queries";

/** The server keeps at most this many characters of a decision's note. */
const NOTE_MAX_LENGTH = 500;

interface Props {
  claim: Claim;
  approve: boolean;
  onClose(): void;
  /** The claim as the server decided it. */
  onDecided(decided: Claim): void;
}

/**
 * Approving or rejecting a claim in review, with the note staff must write: the household's
 * history keeps why. The dialog stays open on a problem (a claim decided meanwhile, a note the
 * server refused) so it can be read.
 */
export function DecisionDialog({ claim, approve, onClose, onDecided }: Props) {
  const { t } = useTranslation("claims");
  const decide = useDecideClaim();
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const noteId = useId();
  const hintId = useId();
  const errorId = useId();
  const field = useRef<HTMLTextAreaElement>(null);

  function confirm() {
    if (decide.isPending) return;
    const trimmed = note.trim();
    if (!trimmed) {
      setMissing(true);
      field.current?.focus();
      return;
    }
    decide.mutate({ id: claim.id, decision: { approve, note: trimmed } }, { onSuccess: onDecided });
  }

  return (
    <ConfirmDialog
      title={approve ? t("decide.approveQuestion", { meter: claim.meter_id }) : t("decide.rejectQuestion", { meter: claim.meter_id })}
      confirmLabel={approve ? t("decide.approveConfirm") : t("decide.rejectConfirm")}
      tone={approve ? "primary" : "danger"}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{approve ? t("decide.approveExplanation") : t("decide.rejectExplanation")}</p>
      <div className="mt-4">
        <label htmlFor={noteId} className="mb-1 block font-medium text-slate-900">
          {t("decide.note")}
        </label>
        <textarea
          id={noteId}
          ref={field}
          value={note}
          maxLength={NOTE_MAX_LENGTH}
          rows={3}
          required
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => {
            setNote(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          className="input w-full"
        />
        <p id={hintId} className="mt-1 text-slate-600">
          {t("decide.noteHint")}
        </p>
        {missing && (
          <p id={errorId} className="mt-1 font-medium text-red-800">
            {t("decide.noteRequired")}
          </p>
        )}
      </div>
      {decide.isError && (
        <div className="mt-4">
          <ProblemAlert error={decide.error} title={t("decide.failed")} />
        </div>
      )}
    </ConfirmDialog>
  );
}
