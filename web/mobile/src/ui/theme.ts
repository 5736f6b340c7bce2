// High-contrast colours (text on background at least 7:1) so the app reads in bright sunlight.
export const colors = {
  background: "#FFFFFF",
  surface: "#EEF3EF",
  text: "#0A1A10",
  muted: "#37463C",
  border: "#5B6B60",
  primary: "#0B5D1E",
  onPrimary: "#FFFFFF",
  danger: "#9B1115",
  warning: "#7A4A00",
  baseline: "#5B6B60",
  actual: "#0B5D1E",
} as const;

export const space = { xs: 4, sm: 8, md: 16, lg: 24 } as const;

/** The smallest size of anything a finger presses. */
export const TOUCH_TARGET = 48;

export const font = { small: 14, body: 16, title: 20, headline: 28 } as const;
