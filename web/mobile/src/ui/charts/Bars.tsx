import { useTranslation } from "react-i18next";
import { View } from "react-native";
import Svg, { Line, Rect, Text as SvgText } from "react-native-svg";
import { useFormat } from "../../lib/format";
import { colors } from "../theme";
import { useChartWidth } from "./useChartWidth";

export interface Bar {
  label: string;
  value: number;
  /** Drawn as an outline instead of filled: some readings are missing or estimated. */
  partial: boolean;
}

interface Props {
  bars: Bar[];
  /** The chart's text alternative: what it shows, read out instead of the drawing. */
  summary: string;
  /** Label only every n-th bar so labels do not overlap. */
  labelEvery?: number;
  height?: number;
}

const AXIS = 28;

/**
 * Bars in kWh. The drawing is hidden from screen readers (its labels would be read one by one);
 * the whole is one image named by `summary`.
 */
export function Bars({ bars, summary, labelEvery = 1, height = 180 }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [width, onLayout] = useChartWidth();
  const max = Math.max(0.001, ...bars.map((b) => b.value));
  const slot = (width - AXIS) / Math.max(1, bars.length);
  const plot = height - 20;
  const top = (value: number) => plot - (value / max) * (plot - 16);
  return (
    <View role="img" aria-label={summary} onLayout={onLayout}>
      <View aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
        <Svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`}>
          <Line x1={AXIS} y1={plot} x2={width} y2={plot} stroke={colors.text} strokeWidth={1} />
          <SvgText x={0} y={10} fontSize={10} fill={colors.text}>
            {t("chart.unit")}
          </SvgText>
          <SvgText x={0} y={top(max) + 10} fontSize={10} fill={colors.text}>
            {format.number(max, max < 10 ? 2 : 0)}
          </SvgText>
          {bars.map((bar, index) => (
            <Rect
              key={index}
              x={AXIS + index * slot + 1}
              y={top(bar.value)}
              width={Math.max(1, slot - 2)}
              height={plot - top(bar.value)}
              fill={bar.partial ? colors.background : colors.actual}
              stroke={bar.partial ? colors.baseline : undefined}
              strokeWidth={bar.partial ? 1 : 0}
            />
          ))}
          {bars.map((bar, index) =>
            index % labelEvery === 0 ? (
              <SvgText key={`l${index}`} x={AXIS + index * slot} y={height - 4} fontSize={10} fill={colors.text}>
                {bar.label}
              </SvgText>
            ) : null,
          )}
        </Svg>
      </View>
    </View>
  );
}
