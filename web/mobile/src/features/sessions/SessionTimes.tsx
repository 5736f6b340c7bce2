import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { Session } from "../../api/types";
import { useFormat } from "../../lib/format";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";

export function SessionTimes({ session }: { session: Session }) {
  const { t } = useTranslation("sessions");
  const format = useFormat();
  const timeZone = useTimeZone();
  const rate = { count: session.points_per_kwh, points: format.count(session.points_per_kwh) };
  return (
    <Text style={styles.text}>
      {t("times.span", { start: format.dateTime(session.starts_at, timeZone), end: format.time(session.ends_at, timeZone) })}
      {"\n"}
      {session.opt_in_bonus > 0
        ? t("times.rateWithBonus", { ...rate, bonus: format.count(session.opt_in_bonus) })
        : t("times.rate", rate)}
    </Text>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
});
