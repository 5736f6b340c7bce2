import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useStaff } from "../../auth/StaffContext";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { CreateSourceForm } from "./CreateSourceForm";
import { DeadLettersPanel } from "./DeadLettersPanel";
import { canManageSources } from "./permissions";
import { meterDataKeys } from "./queries";
import { SourcesPanel } from "./SourcesPanel";

export function MeterDataPage() {
  const { t } = useTranslation("meterData");
  useDocumentTitle(t("title"));
  const staff = useStaff();
  const manage = canManageSources(staff);
  const queryClient = useQueryClient();
  const refreshing = useIsFetching({ queryKey: meterDataKeys.all }) > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <button
          type="button"
          className="btn-secondary ml-auto"
          disabled={refreshing}
          onClick={() => void queryClient.invalidateQueries({ queryKey: meterDataKeys.all })}
        >
          {refreshing ? t("common:refreshing") : t("common:refresh")}
        </button>
      </div>
      <Section title={t("sources.title")}>
        <SourcesPanel canRevoke={manage} />
        {!manage && (
          <p className="text-sm text-slate-600">{t("sources.superadminOnly")}</p>
        )}
      </Section>
      {manage && (
        <Section title={t("create.title")}>
          <CreateSourceForm />
        </Section>
      )}
      <Section title={t("deadLetters.title")}>
        <DeadLettersPanel />
      </Section>
    </div>
  );
}
