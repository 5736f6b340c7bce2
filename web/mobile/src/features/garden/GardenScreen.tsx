import type { BottomTabScreenProps } from "@react-navigation/bottom-tabs";
import type { CompositeScreenProps } from "@react-navigation/native";
import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import type { HomeStackParams, TabParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { useTimeZone } from "../profile/queries";
import { GardenPicture } from "./GardenPicture";
import { HealthCard } from "./HealthCard";
import { ImpactCard } from "./ImpactCard";
import { LevelSummary } from "./LevelSummary";
import { useProgress } from "./queries";
import { SpeciesCard } from "./SpeciesCard";
import { StreakSummary } from "./StreakSummary";

type Props = CompositeScreenProps<NativeStackScreenProps<HomeStackParams, "Garden">, BottomTabScreenProps<TabParams>>;

/** The Green Garden: the picture, what keeps it healthy, the level, the streak and the CO₂ avoided. */
export function GardenScreen({ navigation }: Props) {
  const { t } = useTranslation("garden");
  const progress = useProgress();
  const timeZone = useTimeZone();
  if (progress.isPending) {
    return (
      <Screen>
        <Loading label={t("screen.loading")} />
      </Screen>
    );
  }
  if (progress.isError) {
    return (
      <Screen>
        <ErrorState error={progress.error} onRetry={() => progress.refetch()} />
      </Screen>
    );
  }
  const { garden, level, streak } = progress.data;
  const grew = garden.plants.filter((plant) => plant.just_grew).length;
  const empty = garden.plants.length === 0;
  return (
    <Screen onRefresh={() => progress.refetch()} refreshing={progress.isRefetching}>
      <Card>
        <GardenPicture garden={garden} />
        {grew > 0 && <Text style={styles.text}>{t("picture.justGrew", { count: grew })}</Text>}
      </Card>
      {empty ? (
        <Card title={t("empty.title")}>
          <Text style={styles.text}>{t("empty.text")}</Text>
          <Button label={t("screen.sessions")} onPress={() => navigation.navigate("Sessions", { screen: "SessionList" })} />
        </Card>
      ) : (
        <HealthCard garden={garden} onSessions={() => navigation.navigate("Sessions", { screen: "SessionList" })} />
      )}
      <Card title={t("level.title")}>
        <LevelSummary level={level} detailed timeZone={timeZone} />
        <Button label={t("screen.badges")} variant="secondary" onPress={() => navigation.navigate("Badges")} />
      </Card>
      <Card title={t("streak.title")}>
        <StreakSummary streak={streak} explainShields />
      </Card>
      <ImpactCard garden={garden} />
      <SpeciesCard species={garden.species} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
});
