import { StyleSheet, Text } from "react-native";
import type { Session } from "../../api/types";
import { formatDateTime, formatTime } from "../../lib/format";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";

export function SessionTimes({ session }: { session: Session }) {
  const timeZone = useTimeZone();
  return (
    <Text style={styles.text}>
      {formatDateTime(session.starts_at, timeZone)} – {formatTime(session.ends_at, timeZone)}
      {"\n"}
      {session.points_per_kwh} points per kWh saved
      {session.opt_in_bonus > 0 ? `, ${session.opt_in_bonus} for taking part` : ""}
    </Text>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text, lineHeight: 22 },
});
