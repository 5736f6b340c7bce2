import type { BottomTabScreenProps } from "@react-navigation/bottom-tabs";
import { useQueryClient } from "@tanstack/react-query";
import type { TabParams } from "../../navigation/types";
import { Screen } from "../../ui/Screen";
import { PointsBalanceCard } from "../points/PointsBalanceCard";
import { NextSessionCard } from "./NextSessionCard";
import { TodayCard } from "./TodayCard";

export function HomeScreen({ navigation }: BottomTabScreenProps<TabParams, "Home">) {
  const queryClient = useQueryClient();
  return (
    <Screen onRefresh={() => queryClient.invalidateQueries()}>
      <TodayCard />
      <NextSessionCard onSeeAll={() => navigation.navigate("Sessions", { screen: "SessionList" })} />
      <PointsBalanceCard onOpen={() => navigation.navigate("Profile", { screen: "Points", initial: false })} />
    </Screen>
  );
}
