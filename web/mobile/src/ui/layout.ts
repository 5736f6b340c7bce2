import { useWindowDimensions, type ViewStyle } from "react-native";
import { space } from "./theme";

/** Widest a column of content grows: lines stay readable on a tablet or a desktop browser. */
export const CONTENT_MAX_WIDTH = 720;

/** From this window width on, the screen is a tablet or a desktop: more room around content. */
const WIDE_WINDOW = 600;

/** The column every screen's content sits in: full width on a phone, centred and capped beyond. */
export function useContentColumn(): ViewStyle {
  const { width } = useWindowDimensions();
  const wide = width >= WIDE_WINDOW;
  return {
    width: "100%",
    maxWidth: CONTENT_MAX_WIDTH,
    alignSelf: "center",
    padding: wide ? space.lg : space.md,
  };
}
