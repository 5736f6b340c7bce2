import { useTranslation } from "react-i18next";
import type { LevelStatus } from "../../api/types";
import { Figure } from "../../components/Figure";
import { useFormat } from "../../i18n/useFormat";

/** The household's level, its lifetime points and what the next level takes. */
export function LevelFigures({ level }: { level: LevelStatus }) {
  const { t } = useTranslation("progress");
  const format = useFormat();
  const number = format.number(level.number);
  const { next } = level;
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <Figure
        label={t("level.level")}
        value={level.name}
        note={
          level.reached_at
            ? t("level.numberSince", { number, when: format.date(level.reached_at) })
            : t("level.number", { number })
        }
      />
      <Figure
        label={t("level.lifetimePoints")}
        value={t("common:points", { count: level.lifetime_points, formatted: format.number(level.lifetime_points) })}
        note={t("level.startsAt", {
          name: level.name,
          count: level.level_points,
          formatted: format.number(level.level_points),
        })}
      />
      {next ? (
        <Figure
          label={t("level.next")}
          value={t("level.toGo", { count: next.points_to_go, formatted: format.number(next.points_to_go) })}
          note={t("level.nextAt", {
            name: next.name,
            number: format.number(next.number),
            count: next.points,
            formatted: format.number(next.points),
          })}
        />
      ) : (
        <Figure label={t("level.next")} value={t("level.top")} note={t("level.topNote", { name: level.name })} />
      )}
    </div>
  );
}
