import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RegisterStatus } from "../../api/types";
import { EmptyNote } from "../../components/EmptyNote";
import { FactList } from "../../components/FactList";
import { Loading } from "../../components/Loading";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useFormat } from "../../i18n/useFormat";
import { useCustomerRegister } from "./queries";

/**
 * The utility's customer register that households' claims are checked against: how many meters it
 * holds, where and when it was last imported, and the claims waiting for staff.
 */
export function CustomerRegisterPanel() {
  const { t } = useTranslation("system");
  const register = useCustomerRegister();
  if (register.isPending) return <Loading label={t("register.loading")} />;
  if (register.isError) {
    return <ProblemAlert error={register.error} title={t("register.loadFailed")} onRetry={() => void register.refetch()} />;
  }
  return <RegisterFacts register={register.data} />;
}

function RegisterFacts({ register }: { register: RegisterStatus }) {
  const { t } = useTranslation("system");
  const format = useFormat();
  const waiting = (
    <Link to="/claims" className="text-emerald-800 underline underline-offset-2">
      {t("register.waiting", { count: register.claims_in_review, formatted: format.number(register.claims_in_review) })}
    </Link>
  );
  if (!register.last_import_at) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-600">
          <Trans t={t} i18nKey="register.none" components={{ command: <code className="font-mono" /> }} />
        </p>
        {register.claims_in_review > 0 && <FactList facts={[[t("register.inReview"), waiting]]} />}
      </div>
    );
  }
  const facts: [string, ReactNode][] = [
    [t("register.entries"), format.number(register.entries)],
    [t("register.source"), register.last_import_source ?? "—"],
    [t("register.importedAt"), format.dateTime(register.last_import_at)],
    [t("register.rows"), register.last_import_rows == null ? "—" : format.number(register.last_import_rows)],
    [t("register.rejected"), register.last_import_rejected == null ? "—" : format.number(register.last_import_rejected)],
    [t("register.inReview"), waiting],
  ];
  return (
    <div className="space-y-3">
      <FactList facts={facts} />
      {register.entries === 0 && <EmptyNote>{t("register.empty")}</EmptyNote>}
    </div>
  );
}
