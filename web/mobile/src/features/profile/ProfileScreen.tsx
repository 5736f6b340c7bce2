import type { BottomTabScreenProps } from "@react-navigation/bottom-tabs";
import type { CompositeScreenProps } from "@react-navigation/native";
import type { NativeStackScreenProps } from "@react-navigation/native-stack";
import { useTranslation } from "react-i18next";
import { StyleSheet, Text } from "react-native";
import { useErrorMessage, useFieldError } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { useLanguage } from "../../i18n/LanguageProvider";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import type { ProfileStackParams, TabParams } from "../../navigation/types";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Screen } from "../../ui/Screen";
import { ErrorState, Loading } from "../../ui/states";
import { colors, font } from "../../ui/theme";
import { PointsBalanceCard } from "../points/PointsBalanceCard";
import { ConsentsCard } from "./ConsentsCard";
import { HomeFactsCard } from "./HomeFactsCard";
import { HouseholdCard } from "./HouseholdCard";
import { useChangeLanguage, useHousehold, useMe } from "./queries";

/** The account's language: changing it here changes it on the server (PATCH /me), for every device. */
function AccountLanguage() {
  const { t } = useTranslation("profile");
  const { language } = useLanguage();
  const change = useChangeLanguage();
  const message = useErrorMessage();
  const fieldMessage = useFieldError("profile");
  const fieldError = change.isError ? fieldMessage(change.error, "language") : undefined;
  return (
    <>
      <LanguageSwitch value={language} onChange={(next) => change.mutate(next)} error={fieldError} />
      {change.isError && fieldError === undefined && (
        <Text role="alert" style={styles.error}>
          {message(change.error)}
        </Text>
      )}
      {change.isSuccess && (
        <Text style={styles.saved} aria-live="polite">
          {t("account.languageSaved")}
        </Text>
      )}
    </>
  );
}

type Props = CompositeScreenProps<NativeStackScreenProps<ProfileStackParams, "ProfileHome">, BottomTabScreenProps<TabParams>>;

export function ProfileScreen({ navigation }: Props) {
  const { t } = useTranslation("profile");
  const { signOut } = useAuth();
  const me = useMe();
  const household = useHousehold();
  return (
    <Screen>
      <Card title={t("account.title")}>
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
        <AccountLanguage />
        <Button label={t("account.changePassword")} variant="secondary" onPress={() => navigation.navigate("ChangePassword")} />
      </Card>
      <PointsBalanceCard onOpen={() => navigation.navigate("Points")} />
      {household.isPending ? (
        <Loading label={t("household.loading")} />
      ) : household.isError ? (
        <ErrorState error={household.error} onRetry={() => household.refetch()} />
      ) : (
        <>
          <HouseholdCard household={household.data} />
          <Card title={t("meters.title")}>
            {household.data.meters.length === 0 ? (
              <>
                <Text style={styles.text}>{t("meters.none")}</Text>
                <Button
                  label={t("meters.connect")}
                  variant="secondary"
                  onPress={() => navigation.navigate("Home", { screen: "ConnectMeter", initial: false })}
                />
              </>
            ) : (
              household.data.meters.map((meter) => (
                <Text key={meter.meter_id} style={styles.text}>
                  {t("meters.meter", { id: meter.meter_id, minutes: meter.interval_minutes })}
                </Text>
              ))
            )}
          </Card>
          <HomeFactsCard household={household.data} />
        </>
      )}
      <ConsentsCard />
      <Button label={t("account.signOut")} variant="danger" onPress={signOut} />
    </Screen>
  );
}

const styles = StyleSheet.create({
  text: { fontSize: font.body, color: colors.text },
  error: { fontSize: font.body, color: colors.danger, fontWeight: "600" },
  saved: { fontSize: font.body, color: colors.primary, fontWeight: "600" },
});
