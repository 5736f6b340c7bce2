import { StyleSheet, Text, View } from "react-native";
import { errorMessage } from "../../api/errors";
import type { Session } from "../../api/types";
import { Button } from "../../ui/Button";
import { colors, font } from "../../ui/theme";
import { useParticipation } from "./queries";

/** Why there is no button, or null when joining or leaving is open. */
function reasonWithoutButton({ joined, invited }: Session, closed: boolean): string | null {
  // A joined household may always leave, even if its district changed after it joined.
  if (!joined && !invited) return "This session is for households in other districts (or set your district in Profile).";
  if (closed) return joined ? "You have joined. Joining has closed." : "Joining has closed.";
  return null;
}

/**
 * Join or leave before the deadline. A session for other districts says so instead of offering a
 * Join the server would refuse; the server's reason is shown when it says no for another cause.
 */
export function JoinButton({ session }: { session: Session }) {
  const participation = useParticipation(session.id);
  const closed = Date.parse(session.join_deadline) <= Date.now();
  const reason = reasonWithoutButton(session, closed);
  const { joined } = session;
  return (
    <View style={styles.box}>
      {reason !== null ? (
        <Text style={styles.note}>{reason}</Text>
      ) : (
        <Button
          label={joined ? `Leave ${session.title}` : `Join ${session.title}`}
          variant={joined ? "secondary" : "primary"}
          busy={participation.isPending}
          onPress={() => participation.mutate(!joined)}
        />
      )}
      {joined && !closed && <Text style={styles.note}>You have joined this session.</Text>}
      {participation.isError && (
        <Text role="alert" style={styles.error}>
          {errorMessage(participation.error)}
        </Text>
      )}
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: 4 },
  note: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
});
