// A badge's icon: a simple glyph on a disc, in colour once earned and grey while still to earn.
// Decorative: the badge's name beside it says what it is.
import type { ReactNode } from "react";
import { View } from "react-native";
import Svg, { Circle, Line, Path, Polygon, Rect } from "react-native-svg";
import type { BadgeIcon } from "../../api/types";
import { colors } from "../../ui/theme";

const LOCKED_DISC = "#D5DBD6";
const LOCKED_GLYPH = "#5B6B60";

/** Each glyph in a 48 × 48 box, centred on (24, 24), in its colour on the disc's. */
const GLYPHS: Record<BadgeIcon, (c: string, disc: string) => ReactNode> = {
  seedling: (c) => (
    <>
      <Line x1={24} y1={36} x2={24} y2={22} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Path d="M24 24 C16 24 13 18 13 14 C20 14 24 18 24 24 Z" fill={c} />
      <Path d="M24 22 C30 22 35 18 35 12 C28 12 24 16 24 22 Z" fill={c} />
    </>
  ),
  flame: (c) => <Path d="M24 10 C30 18 34 22 34 28 C34 34 29 38 24 38 C19 38 14 34 14 28 C14 23 18 20 20 16 C21 20 23 22 25 22 C25 18 24 14 24 10 Z" fill={c} />,
  leaf: (c, disc) => (
    <>
      <Path d="M12 36 C12 20 22 12 36 12 C36 28 28 36 12 36 Z" fill={c} />
      <Line x1={14} y1={34} x2={30} y2={18} stroke={disc} strokeWidth={2} />
    </>
  ),
  trophy: (c) => (
    <>
      <Path d="M16 12 H32 V20 C32 25 28 28 24 28 C20 28 16 25 16 20 Z" fill={c} />
      <Path d="M16 14 H11 C11 19 13 21 16 21 M32 14 H37 C37 19 35 21 32 21" stroke={c} strokeWidth={2.5} fill="none" />
      <Rect x={22} y={28} width={4} height={6} fill={c} />
      <Rect x={16} y={34} width={16} height={4} rx={1} fill={c} />
    </>
  ),
  bolt: (c) => <Polygon points="27,8 14,27 23,27 20,40 34,20 25,20" fill={c} />,
  calendar: (c) => (
    <>
      <Rect x={12} y={14} width={24} height={22} rx={3} stroke={c} strokeWidth={3} fill="none" />
      <Line x1={12} y1={21} x2={36} y2={21} stroke={c} strokeWidth={3} />
      <Line x1={18} y1={10} x2={18} y2={16} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Line x1={30} y1={10} x2={30} y2={16} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Rect x={18} y={25} width={5} height={5} fill={c} />
    </>
  ),
  star: (c) => <Polygon points="24,9 28.4,19 39,19.6 30.8,26.4 33.6,37 24,31 14.4,37 17.2,26.4 9,19.6 19.6,19" fill={c} />,
  scissors: (c) => (
    <>
      <Circle cx={16} cy={32} r={5} stroke={c} strokeWidth={3} fill="none" />
      <Circle cx={32} cy={32} r={5} stroke={c} strokeWidth={3} fill="none" />
      <Line x1={19} y1={28} x2={31} y2={10} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Line x1={29} y1={28} x2={17} y2={10} stroke={c} strokeWidth={3} strokeLinecap="round" />
    </>
  ),
  sunrise: (c) => (
    <>
      <Path d="M14 32 A10 10 0 0 1 34 32 Z" fill={c} />
      <Line x1={10} y1={35} x2={38} y2={35} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Line x1={24} y1={12} x2={24} y2={17} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Line x1={12} y1={20} x2={15.5} y2={23} stroke={c} strokeWidth={3} strokeLinecap="round" />
      <Line x1={36} y1={20} x2={32.5} y2={23} stroke={c} strokeWidth={3} strokeLinecap="round" />
    </>
  ),
};

export function BadgeGlyph({ icon, earned, size = 48 }: { icon: BadgeIcon; earned: boolean; size?: number }) {
  const disc = earned ? colors.primary : LOCKED_DISC;
  const glyph = earned ? colors.onPrimary : LOCKED_GLYPH;
  return (
    <View style={{ width: size, height: size }} aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
      <Svg width={size} height={size} viewBox="0 0 48 48">
        <Circle cx={24} cy={24} r={23} fill={disc} />
        {GLYPHS[icon](glyph, disc)}
      </Svg>
    </View>
  );
}
