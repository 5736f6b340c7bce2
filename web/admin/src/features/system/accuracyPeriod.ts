// The period and sample the baseline accuracy is computed on (the server accepts 7–60 days).

export const MIN_ACCURACY_DAYS = 7;
export const MAX_ACCURACY_DAYS = 60;
export const DEFAULT_ACCURACY_DAYS = 21;
export const ACCURACY_HOUSEHOLDS = 100;
