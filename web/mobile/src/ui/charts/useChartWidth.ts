import { useCallback, useState } from "react";
import type { LayoutChangeEvent } from "react-native";

/** The drawing's width before the first layout, and its narrowest. */
const DEFAULT_WIDTH = 320;
const MIN_WIDTH = 240;

/**
 * The width a chart is laid out at, so its drawing (viewBox) matches the space it has: on a
 * tablet the bars spread out instead of a phone-sized picture being scaled up, text and all.
 */
export function useChartWidth(): [number, (event: LayoutChangeEvent) => void] {
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const onLayout = useCallback((event: LayoutChangeEvent) => {
    const laidOut = Math.round(event.nativeEvent.layout.width);
    if (laidOut > 0) setWidth(Math.max(MIN_WIDTH, laidOut));
  }, []);
  return [width, onLayout];
}
