import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import { useFormat } from "../../lib/format";
import { Button } from "../../ui/Button";
import { colors, font, space } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { useUsualDay } from "./queries";
import { changePercent } from "./usualDay";

/** Today so far against the mean of the last days up to the same time of day. */
export function UsualDayLine() {
  const { t } = useTranslation(["home", "common"]);
  const format = useFormat();
  const timeZone = useTimeZone();
  const usual = useUsualDay(timeZone);
  if (timeZone === undefined || usual.isPending) {
    return <Text style={styles.note}>{t("usual.comparing")}</Text>;
  }
  if (usual.isError) {
    return (
      <View style={styles.box}>
        <Text role="alert" style={styles.error}>
          {t("usual.failed")}
        </Text>
        <Button label={t("common:state.tryAgain")} variant="secondary" onPress={() => void usual.refetch()} />
      </View>
    );
  }
  const figures = usual.data;
  if (figures === null) return <Text style={styles.note}>{t("usual.noReadings")}</Text>;
  if (figures.usual === null) return <Text style={styles.note}>{t("usual.needsDays")}</Text>;
  const change = changePercent(figures.today, figures.usual);
  const time = format.time(figures.until, timeZone);
  return (
    <View style={styles.box}>
      <Text style={styles.text}>{t("usual.usualBy", { time, kwh: format.kwh(figures.usual) })}</Text>
      {change !== null && (
        <Text style={[styles.text, styles.strong]}>
          {Math.abs(change) < 0.5
            ? t("usual.same")
            : change < 0
              ? t("usual.less", { percent: format.percent(-change) })
              : t("usual.more", { percent: format.percent(change) })}
        </Text>
      )}
      <Text style={styles.note}>
        {t("usual.explain", { time, kwh: format.kwh(figures.today), days: figures.days, timeZone })}
      </Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.xs },
  text: { fontSize: font.body, color: colors.text },
  strong: { fontWeight: "700" },
  note: { fontSize: font.small, color: colors.muted },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
