/** Colours shared by the dashboard's charts (Tailwind's slate-400 and emerald-600). */
export const chartColours = {
  reference: "#94a3b8",
  measured: "#059669",
  grid: "#e2e8f0",
} as const;
