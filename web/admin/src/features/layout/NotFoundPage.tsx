import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../../lib/useDocumentTitle";

export function NotFoundPage() {
  const { t } = useTranslation("layout");
  useDocumentTitle(t("notFound.title"));
  return (
    <section className="space-y-2">
      <h1 className="text-2xl font-semibold">{t("notFound.heading")}</h1>
      <p>
        <Trans
          t={t}
          i18nKey="notFound.body"
          components={{ overview: <Link to="/" className="text-emerald-800 underline" /> }}
        />
      </p>
    </section>
  );
}
