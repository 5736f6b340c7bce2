import { View } from "react-native";
import Svg, { Line, Rect, Text as SvgText } from "react-native-svg";
import { colors } from "../theme";
import { useChartWidth } from "./useChartWidth";

export interface Bar {
  label: string;
  value: number;
  /** Drawn lighter: some readings are missing or estimated. */
  partial: boolean;
}

interface Props {
  bars: Bar[];
  unit: string;
  summary: string;
  /** Label only every n-th bar so labels do not overlap. */
  labelEvery?: number;
  height?: number;
}

const AXIS = 28;

export function Bars({ bars, unit, summary, labelEvery = 1, height = 180 }: Props) {
  const [width, onLayout] = useChartWidth();
  const max = Math.max(0.001, ...bars.map((b) => b.value));
  const slot = (width - AXIS) / Math.max(1, bars.length);
  const plot = height - 20;
  const top = (value: number) => plot - (value / max) * (plot - 16);
  return (
    <View role="img" aria-label={summary} onLayout={onLayout}>
      <Svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`}>
        <Line x1={AXIS} y1={plot} x2={width} y2={plot} stroke={colors.text} strokeWidth={1} />
        <SvgText x={0} y={10} fontSize={10} fill={colors.text}>
          {unit}
        </SvgText>
        <SvgText x={0} y={top(max) + 10} fontSize={10} fill={colors.text}>
          {max.toFixed(max < 10 ? 2 : 0)}
        </SvgText>
        {bars.map((bar, index) => (
          <Rect
            key={index}
            x={AXIS + index * slot + 1}
            y={top(bar.value)}
            width={Math.max(1, slot - 2)}
            height={plot - top(bar.value)}
            fill={bar.partial ? colors.baseline : colors.actual}
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
  );
}
