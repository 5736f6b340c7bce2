import { useTranslation } from "react-i18next";
import { StyleSheet, Text, View } from "react-native";
import Svg, { Line, Rect, Text as SvgText } from "react-native-svg";
import { useFormat } from "../../lib/format";
import { colors, font, space } from "../theme";
import { useChartWidth } from "./useChartWidth";

export interface Pair {
  label: string;
  baseline: number;
  actual: number | null;
}

interface Props {
  pairs: Pair[];
  /** A sentence read out instead of the drawing (the figures are in the table beside it). */
  summary: string;
  height?: number;
}

const AXIS = 24;

/** Baseline (outlined) and actual (filled) bars side by side for each period, in kWh. */
export function PairedBars({ pairs, summary, height = 180 }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [width, onLayout] = useChartWidth();
  const max = Math.max(0.001, ...pairs.flatMap((p) => [p.baseline, p.actual ?? 0]));
  const slot = (width - AXIS) / Math.max(1, pairs.length);
  const bar = Math.max(2, slot / 2 - 2);
  const plot = height - AXIS;
  const y = (kwh: number) => plot - (kwh / max) * (plot - 8);
  return (
    <View style={styles.box}>
      <View role="img" aria-label={summary} onLayout={onLayout}>
        <View aria-hidden importantForAccessibility="no-hide-descendants" accessibilityElementsHidden>
          <Svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`}>
            <Line x1={AXIS} y1={plot} x2={width} y2={plot} stroke={colors.text} strokeWidth={1} />
            <SvgText x={0} y={12} fontSize={10} fill={colors.text}>
              {t("chart.unit")}
            </SvgText>
            <SvgText x={0} y={y(max) + 12} fontSize={10} fill={colors.text}>
              {format.number(max, 2)}
            </SvgText>
            {pairs.map((pair, index) => {
              const x = AXIS + index * slot + 1;
              return [
                <Rect
                  key={`b${index}`}
                  x={x}
                  y={y(pair.baseline)}
                  width={bar}
                  height={plot - y(pair.baseline)}
                  fill={colors.background}
                  stroke={colors.baseline}
                  strokeWidth={2}
                />,
                pair.actual !== null && (
                  <Rect
                    key={`a${index}`}
                    x={x + bar + 1}
                    y={y(pair.actual)}
                    width={bar}
                    height={plot - y(pair.actual)}
                    fill={colors.actual}
                  />
                ),
                <SvgText key={`l${index}`} x={x} y={height - 8} fontSize={10} fill={colors.text}>
                  {pair.label}
                </SvgText>,
              ];
            })}
          </Svg>
        </View>
      </View>
      <View style={styles.legend}>
        <Text style={styles.legendText}>▭ {t("chart.legendBaseline")}</Text>
        <Text style={styles.legendText}>■ {t("chart.legendActual")}</Text>
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { gap: space.xs },
  legend: { flexDirection: "row", flexWrap: "wrap", gap: space.md },
  legendText: { fontSize: font.small, color: colors.text },
});
