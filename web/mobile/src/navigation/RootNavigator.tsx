import { createBottomTabNavigator } from "@react-navigation/bottom-tabs";
import { createNativeStackNavigator } from "@react-navigation/native-stack";
import { useAuth } from "../auth/AuthProvider";
import { RegisterScreen } from "../features/auth/RegisterScreen";
import { SignInScreen } from "../features/auth/SignInScreen";
import { WelcomeScreen } from "../features/auth/WelcomeScreen";
import { ConsumptionScreen } from "../features/consumption/ConsumptionScreen";
import { HomeScreen } from "../features/home/HomeScreen";
import { PointsScreen } from "../features/points/PointsScreen";
import { ChangePasswordScreen } from "../features/profile/ChangePasswordScreen";
import { ProfileScreen } from "../features/profile/ProfileScreen";
import { SessionDetailScreen } from "../features/sessions/SessionDetailScreen";
import { SessionsScreen } from "../features/sessions/SessionsScreen";
import { Loading } from "../ui/states";
import { colors, font } from "../ui/theme";
import type { AuthStackParams, ProfileStackParams, SessionsStackParams, TabParams } from "./types";

const AuthStack = createNativeStackNavigator<AuthStackParams>();
const SessionsStack = createNativeStackNavigator<SessionsStackParams>();
const ProfileStack = createNativeStackNavigator<ProfileStackParams>();
const Tabs = createBottomTabNavigator<TabParams>();

const header = {
  headerTintColor: colors.primary,
  headerTitleStyle: { color: colors.text, fontWeight: "700" as const },
};

function SessionsNavigator() {
  return (
    <SessionsStack.Navigator screenOptions={header}>
      <SessionsStack.Screen name="SessionList" component={SessionsScreen} options={{ title: "Saving Sessions" }} />
      <SessionsStack.Screen
        name="SessionDetail"
        component={SessionDetailScreen}
        options={({ route }) => ({ title: route.params.title })}
      />
    </SessionsStack.Navigator>
  );
}

function ProfileNavigator() {
  return (
    <ProfileStack.Navigator screenOptions={header}>
      <ProfileStack.Screen name="ProfileHome" component={ProfileScreen} options={{ title: "Profile" }} />
      <ProfileStack.Screen name="ChangePassword" component={ChangePasswordScreen} options={{ title: "Change password" }} />
      <ProfileStack.Screen name="Points" component={PointsScreen} options={{ title: "Green Points" }} />
    </ProfileStack.Navigator>
  );
}

function SignedInTabs() {
  return (
    <Tabs.Navigator
      screenOptions={{
        ...header,
        tabBarActiveTintColor: colors.primary,
        tabBarInactiveTintColor: colors.muted,
        tabBarIconStyle: { display: "none" },
        tabBarLabelStyle: { fontSize: font.small, fontWeight: "700" },
        tabBarStyle: { minHeight: 56 },
        tabBarItemStyle: { minHeight: 48, justifyContent: "center" },
      }}
    >
      <Tabs.Screen name="Home" component={HomeScreen} options={{ title: "Home" }} />
      <Tabs.Screen name="Sessions" component={SessionsNavigator} options={{ headerShown: false, title: "Sessions" }} />
      <Tabs.Screen name="Consumption" component={ConsumptionScreen} options={{ title: "Your energy use", tabBarLabel: "Energy" }} />
      <Tabs.Screen name="Profile" component={ProfileNavigator} options={{ headerShown: false, title: "Profile" }} />
    </Tabs.Navigator>
  );
}

function SignedOutStack() {
  return (
    <AuthStack.Navigator screenOptions={header}>
      <AuthStack.Screen name="Welcome" component={WelcomeScreen} options={{ headerShown: false, title: "PowerSave" }} />
      <AuthStack.Screen name="SignIn" component={SignInScreen} options={{ title: "Sign in" }} />
      <AuthStack.Screen name="Register" component={RegisterScreen} options={{ title: "Create an account" }} />
    </AuthStack.Navigator>
  );
}

export function RootNavigator() {
  const { status } = useAuth();
  if (status === "restoring") return <Loading label="Signing you in…" />;
  return status === "signedIn" ? <SignedInTabs /> : <SignedOutStack />;
}
