import type { NavigatorScreenParams } from "@react-navigation/native";

export type AuthStackParams = {
  Welcome: undefined;
  SignIn: undefined;
  Register: undefined;
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
  Home: undefined;
  Sessions: NavigatorScreenParams<SessionsStackParams>;
  Consumption: undefined;
  Profile: NavigatorScreenParams<ProfileStackParams>;
};
