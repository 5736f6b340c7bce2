const names: Record<string, string> = {
  api: "API upload",
  mqtt: "MQTT feed",
  pull: "Scheduled pull",
  file: "File import",
  simulator: "Simulator",
  correction: "Staff corrections",
};

/** How a source delivers readings, for people. */
export function kindName(kind: string): string {
  return names[kind] ?? kind;
}
