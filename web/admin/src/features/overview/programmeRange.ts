// The two ranges of the programme's consumption chart, named by the resolution the server
// serves them at: the last 30 local days by the day, the last 48 hours by the hour (their
// labels are `overview:range.<range>`).

export const PROGRAMME_RANGES = ["1d", "1h"] as const;
export type ProgrammeRange = (typeof PROGRAMME_RANGES)[number];
