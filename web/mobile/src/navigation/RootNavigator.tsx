import { createBottomTabNavigator } from "@react-navigation/bottom-tabs";
import { createNativeStackNavigator, type NativeStackHeaderProps } from "@react-navigation/native-stack";
import { useTranslation } from "react-i18next";
import { StyleSheet, View } from "react-native";
import { useAuth } from "../auth/AuthProvider";
import { RegisterScreen } from "../features/auth/RegisterScreen";
import { SignInScreen } from "../features/auth/SignInScreen";
import { WelcomeScreen } from "../features/auth/WelcomeScreen";
import { BadgesScreen } from "../features/badges/BadgesScreen";
import { ConsumptionScreen } from "../features/consumption/ConsumptionScreen";
import { GardenScreen } from "../features/garden/GardenScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { ConnectMeterScreen } from "../features/onboarding/ConnectMeterScreen";
import { PointsScreen } from "../features/points/PointsScreen";
import { ChangePasswordScreen } from "../features/profile/ChangePasswordScreen";
import { ProfileScreen } from "../features/profile/ProfileScreen";
import { useAccountLanguage } from "../features/profile/useAccountLanguage";
import { SessionDetailScreen } from "../features/sessions/SessionDetailScreen";
import { SessionsScreen } from "../features/sessions/SessionsScreen";
import { Loading } from "../ui/states";
import { colors } from "../ui/theme";
import { StackBanner, TabBanner, TabNavigation, tabScene } from "./landmarks";
import { tabLabel } from "./TabLabel";
import type { AuthStackParams, HomeStackParams, ProfileStackParams, SessionsStackParams, TabParams } from "./types";

const AuthStack = createNativeStackNavigator<AuthStackParams>();
const HomeStack = createNativeStackNavigator<HomeStackParams>();
const SessionsStack = createNativeStackNavigator<SessionsStackParams>();
const ProfileStack = createNativeStackNavigator<ProfileStackParams>();
const Tabs = createBottomTabNavigator<TabParams>();

const header = {
  headerTintColor: colors.primary,
  headerTitleStyle: { color: colors.text, fontWeight: "700" as const },
};

const stackHeader = { ...header, header: (props: NativeStackHeaderProps) => <StackBanner {...props} /> };

function HomeNavigator() {
  const { t } = useTranslation();
  return (
    <HomeStack.Navigator screenOptions={stackHeader}>
      <HomeStack.Screen name="HomeMain" component={HomeScreen} options={{ title: t("nav.home") }} />
      <HomeStack.Screen name="ConnectMeter" component={ConnectMeterScreen} options={{ title: t("nav.connectMeter") }} />
      <HomeStack.Screen name="Garden" component={GardenScreen} options={{ title: t("nav.garden") }} />
      <HomeStack.Screen name="Badges" component={BadgesScreen} options={{ title: t("nav.badges") }} />
    </HomeStack.Navigator>
  );
}

function SessionsNavigator() {
  const { t } = useTranslation();
  return (
    <SessionsStack.Navigator screenOptions={stackHeader}>
      <SessionsStack.Screen name="SessionList" component={SessionsScreen} options={{ title: t("nav.sessionList") }} />
      <SessionsStack.Screen
        name="SessionDetail"
        component={SessionDetailScreen}
        options={({ route }) => ({ title: route.params.title })}
      />
    </SessionsStack.Navigator>
  );
}

function ProfileNavigator() {
  const { t } = useTranslation();
  return (
    <ProfileStack.Navigator screenOptions={stackHeader}>
      <ProfileStack.Screen name="ProfileHome" component={ProfileScreen} options={{ title: t("nav.profile") }} />
      <ProfileStack.Screen name="ChangePassword" component={ChangePasswordScreen} options={{ title: t("nav.changePassword") }} />
      <ProfileStack.Screen name="Points" component={PointsScreen} options={{ title: t("nav.points") }} />
    </ProfileStack.Navigator>
  );
}

const HomeTab = tabScene(HomeNavigator);
const SessionsTab = tabScene(SessionsNavigator);
const ConsumptionTab = tabScene(ConsumptionScreen);
const ProfileTab = tabScene(ProfileNavigator);

function SignedInTabs() {
  const { t } = useTranslation();
  useAccountLanguage();
  return (
    <Tabs.Navigator
      tabBar={(props) => <TabNavigation {...props} />}
      screenOptions={{
        ...header,
        header: (props) => <TabBanner {...props} />,
        tabBarActiveTintColor: colors.primary,
        tabBarInactiveTintColor: colors.muted,
        tabBarIconStyle: { display: "none" },
        tabBarStyle: { minHeight: 56, height: "auto" },
        tabBarItemStyle: { minHeight: 48, minWidth: 48, justifyContent: "center" },
      }}
    >
      <Tabs.Screen name="Home" component={HomeTab} options={{ headerShown: false, title: t("nav.home"), ...tabLabel(t("nav.home")) }} />
      <Tabs.Screen
        name="Sessions"
        component={SessionsTab}
        options={{ headerShown: false, title: t("nav.sessions"), ...tabLabel(t("nav.sessions")) }}
      />
      <Tabs.Screen
        name="Consumption"
        component={ConsumptionTab}
        options={{ title: t("nav.energyTitle"), ...tabLabel(t("nav.energy")) }}
      />
      <Tabs.Screen
        name="Profile"
        component={ProfileTab}
        options={{ headerShown: false, title: t("nav.profile"), ...tabLabel(t("nav.profile")) }}
      />
    </Tabs.Navigator>
  );
}

function SignedOutStack() {
  const { t } = useTranslation();
  return (
    <AuthStack.Navigator screenOptions={stackHeader}>
      <AuthStack.Screen name="Welcome" component={WelcomeScreen} options={{ headerShown: false, title: t("appName") }} />
      <AuthStack.Screen name="SignIn" component={SignInScreen} options={{ title: t("nav.signIn") }} />
      <AuthStack.Screen name="Register" component={RegisterScreen} options={{ title: t("nav.register") }} />
    </AuthStack.Navigator>
  );
}

export function RootNavigator() {
  const { t } = useTranslation();
  const { status } = useAuth();
  if (status === "restoring") {
    return (
      <View role="main" style={styles.fill}>
        <Loading label={t("nav.restoring")} />
      </View>
    );
  }
  return status === "signedIn" ? <SignedInTabs /> : <SignedOutStack />;
}

const styles = StyleSheet.create({
  fill: { flex: 1, justifyContent: "center" },
});
