import type { NavigatorScreenParams } from "@react-navigation/native";

export type AuthStackParams = {
  Welcome: undefined;
  SignIn: undefined;
  Register: undefined;
};

export type HomeStackParams = {
  /** `connected`: what the server said when a meter was just connected, shown at the top of Home. */
  HomeMain: { connected?: string } | undefined;
  ConnectMeter: undefined;
  Garden: undefined;
  Badges: undefined;
};

export type SessionsStackParams = {
  SessionList: undefined;
  SessionDetail: { id: string; title: string };
};

export type ProfileStackParams = {
  ProfileHome: undefined;
  ChangePassword: undefined;
  Points: undefined;
};

export type TabParams = {
  Home: NavigatorScreenParams<HomeStackParams>;
  Sessions: NavigatorScreenParams<SessionsStackParams>;
  Consumption: undefined;
  Profile: NavigatorScreenParams<ProfileStackParams>;
};
