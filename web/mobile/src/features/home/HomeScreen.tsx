import type { BottomTabScreenProps } from "@react-navigation/bottom-tabs";
import type { CompositeScreenProps } from "@react-navigation/native";
import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { HomeStackParams, TabParams } from "../../navigation/types";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { GardenHomeCard } from "../garden/GardenHomeCard";
import { hasReadings, OnboardingCard } from "../onboarding/OnboardingCard";
import { useOnboarding } from "../onboarding/queries";
import { PointsBalanceCard } from "../points/PointsBalanceCard";
import { NextSessionCard } from "./NextSessionCard";
import { TodayCard } from "./TodayCard";

type Props = CompositeScreenProps<NativeStackScreenProps<HomeStackParams, "HomeMain">, BottomTabScreenProps<TabParams>>;

export function HomeScreen({ navigation, route }: Props) {
  const { t } = useTranslation("onboarding");
  const queryClient = useQueryClient();
  const onboarding = useOnboarding();
  const connected = route.params?.connected;
  // Today's figures only once a meter sends readings. Should the step not load, the figures are
  // shown as before: their own card says when they are missing.
  const showToday = onboarding.isError || (onboarding.data !== undefined && hasReadings(onboarding.data));
  return (
    <Screen onRefresh={() => queryClient.invalidateQueries()}>
      {connected !== undefined && (
        <Card title={t("card.connected")}>
          <Text style={styles.text} aria-live="polite">
            {connected}
          </Text>
        </Card>
      )}
      {onboarding.isPending ? (
        <Loading />
      ) : (
        onboarding.data && <OnboardingCard onboarding={onboarding.data} onConnect={() => navigation.navigate("ConnectMeter")} />
      )}
      {showToday && <TodayCard />}
      <NextSessionCard onSeeAll={() => navigation.navigate("Sessions", { screen: "SessionList" })} />
      <GardenHomeCard onOpen={() => navigation.navigate("Garden")} onBadges={() => navigation.navigate("Badges")} />
      <PointsBalanceCard onOpen={() => navigation.navigate("Profile", { screen: "Points", initial: false })} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
});
