import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useQuery } from "@tanstack/react-query";
import { StyleSheet, Text } from "react-native";
import { useApi, useAuth } from "../../auth/AuthProvider";
import type { ProfileStackParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { PointsBalanceCard } from "../points/PointsBalanceCard";
import { HouseholdCard } from "./HouseholdCard";
import { useHousehold } from "./queries";

export function ProfileScreen({ navigation }: NativeStackScreenProps<ProfileStackParams, "ProfileHome">) {
  const api = useApi();
  const { signOut } = useAuth();
  const me = useQuery({ queryKey: ["me"], queryFn: api.me });
  const household = useHousehold();
  return (
    <Screen>
      <Card title="Account">
        {me.isPending ? (
          <Loading />
        ) : me.isError ? (
          <ErrorState error={me.error} onRetry={() => me.refetch()} />
        ) : (
          <>
            <Text style={styles.text}>{me.data.display_name}</Text>
            <Text style={styles.text}>{me.data.email}</Text>
          </>
        )}
        <Button label="Change password" variant="secondary" onPress={() => navigation.navigate("ChangePassword")} />
      </Card>
      <PointsBalanceCard onOpen={() => navigation.navigate("Points")} />
      {household.isPending ? (
        <Loading label="Loading your household…" />
      ) : household.isError ? (
        <ErrorState error={household.error} onRetry={() => household.refetch()} />
      ) : (
        <>
          <HouseholdCard household={household.data} />
          <Card title="Meters">
            {household.data.meters.length === 0 ? (
              <Text style={styles.text}>No meter is linked yet. The utility links your smart meter.</Text>
            ) : (
              household.data.meters.map((meter) => (
                <Text key={meter.meter_id} style={styles.text}>
                  Meter {meter.meter_id}: a reading every {meter.interval_minutes} minutes
                </Text>
              ))
            )}
          </Card>
        </>
      )}
      <Button label="Sign out" variant="danger" onPress={signOut} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
});
