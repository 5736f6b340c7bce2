import { useIsFetching, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Section } from "../../components/Section";
import { useDocumentTitle } from "../../lib/useDocumentTitle";
import { BaselineAccuracyPanel } from "./BaselineAccuracyPanel";
import { CustomerRegisterPanel } from "./CustomerRegisterPanel";
import { systemKeys } from "./queries";
import { SystemHealthSections } from "./SystemHealthSections";

export function SystemPage() {
  const { t } = useTranslation("system");
  useDocumentTitle(t("title"));
  const queryClient = useQueryClient();
  const refreshing = useIsFetching({ queryKey: systemKeys.health() }) > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <button
          type="button"
          className="btn-secondary ml-auto"
          disabled={refreshing}
          onClick={() => void queryClient.invalidateQueries({ queryKey: systemKeys.health() })}
        >
          {refreshing ? t("common:refreshing") : t("common:refresh")}
        </button>
      </div>
      <SystemHealthSections />
      <Section title={t("register.title")}>
        <CustomerRegisterPanel />
      </Section>
      <Section title={t("accuracy.title")}>
        <BaselineAccuracyPanel />
      </Section>
    </div>
  );
}
