import { useTranslation } from "react-i18next";
import type { StreakStatus } from "../../api/types";
import { Figure } from "../../components/Figure";
import { useFormat } from "../../i18n/useFormat";
import { SubSection } from "./SubSection";

/** The household's run of successful sessions, its best, and the shields that cover a missed one. */
export function StreakFigures({ streak }: { streak: StreakStatus }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const sessions = (count: number) => t("streak.sessions", { count, formatted: format.number(count) });
  const shieldsOff = streak.shield_every === 0;
  return (
    <SubSection title={t("streak.title")}>
      <div className="grid gap-3 sm:grid-cols-3">
        <Figure
          label={t("streak.current")}
          value={sessions(streak.current)}
          note={t("streak.bonusNote", {
            points: t("common:points", { count: streak.bonus_points, formatted: format.number(streak.bonus_points) }),
            count: streak.to_next_bonus,
            formatted: format.number(streak.to_next_bonus),
          })}
        />
        <Figure label={t("streak.best")} value={sessions(streak.best)} />
        <Figure
          label={t("streak.shields")}
          value={
            shieldsOff
              ? t("streak.shieldsOff")
              : t("streak.shieldsHeld", { held: format.number(streak.shields), max: format.number(streak.max_shields) })
          }
          note={
            shieldsOff
              ? t("streak.shieldsOffNote")
              : t("streak.shieldEvery", { count: streak.shield_every, formatted: format.number(streak.shield_every) })
          }
        />
      </div>
    </SubSection>
  );
}
