// The navigators' own parts as the page's landmarks on the web: each header is a banner, the
// tab bar is navigation, and a tab that is not shown is taken out of the page (React Navigation
// only marks it aria-hidden, which leaves its buttons and links reachable by keyboard).
import { BottomTabBar, type BottomTabBarProps, type BottomTabHeaderProps } from "@react-navigation/bottom-tabs";
import { getHeaderTitle, Header, HeaderBackButton } from "@react-navigation/elements";
import { useIsFocused } from "@react-navigation/native";
import type { NativeStackHeaderProps } from "@react-navigation/native-stack";
import type { ComponentType, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Platform, StyleSheet, View } from "react-native";

type HeaderOptions = Parameters<typeof Header>[0];

/** A stack's header inside a banner landmark, its back button named in the app's language. */
export function StackBanner({ options, route, back }: NativeStackHeaderProps) {
  const { t } = useTranslation();
  return (
    <View role="banner">
      <Header
        {...(options as HeaderOptions)}
        back={back}
        title={getHeaderTitle(options, route.name)}
        headerLeft={
          back
            ? (props) => (
                <HeaderBackButton {...props} accessibilityLabel={props.label ? t("nav.back", { title: props.label }) : t("nav.goBack")} />
              )
            : undefined
        }
      />
    </View>
  );
}

/** A tab's own header inside a banner landmark. */
export function TabBanner({ options, route }: BottomTabHeaderProps) {
  return (
    <View role="banner">
      <Header {...(options as HeaderOptions)} title={getHeaderTitle(options, route.name)} />
    </View>
  );
}

/** The tab bar inside a navigation landmark named for what it leads to. */
export function TabNavigation(props: BottomTabBarProps) {
  const { t } = useTranslation();
  return (
    <View role="navigation" aria-label={t("nav.tabs")}>
      <BottomTabBar {...props} />
    </View>
  );
}

function HiddenWhenBlurred({ children }: { children: ReactNode }) {
  const focused = useIsFocused();
  return <View style={[styles.fill, !focused && Platform.OS === "web" && styles.gone]}>{children}</View>;
}

/** A tab's screen that leaves the page while another tab is shown. */
export function tabScene<P extends object>(Component: ComponentType<P>): ComponentType<P> {
  function TabScene(props: P) {
    return (
      <HiddenWhenBlurred>
        <Component {...props} />
      </HiddenWhenBlurred>
    );
  }
  TabScene.displayName = `TabScene(${Component.displayName ?? Component.name})`;
  return TabScene;
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  gone: { display: "none" },
});
