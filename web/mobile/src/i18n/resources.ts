// Every translation file of the app: one namespace per feature, each with an English and a
// Greek file of the same keys (src/i18n/translations.test.ts fails when one lacks a key).
import problemsEl from "../api/locales/el.json";
import problemsEn from "../api/locales/en.json";
import authEl from "../features/auth/locales/el.json";
import authEn from "../features/auth/locales/en.json";
import badgesEl from "../features/badges/locales/el.json";
import badgesEn from "../features/badges/locales/en.json";
import consumptionEl from "../features/consumption/locales/el.json";
import consumptionEn from "../features/consumption/locales/en.json";
import gardenEl from "../features/garden/locales/el.json";
import gardenEn from "../features/garden/locales/en.json";
import homeEl from "../features/home/locales/el.json";
import homeEn from "../features/home/locales/en.json";
import onboardingEl from "../features/onboarding/locales/el.json";
import onboardingEn from "../features/onboarding/locales/en.json";
import pointsEl from "../features/points/locales/el.json";
import pointsEn from "../features/points/locales/en.json";
import profileEl from "../features/profile/locales/el.json";
import profileEn from "../features/profile/locales/en.json";
import sessionsEl from "../features/sessions/locales/el.json";
import sessionsEn from "../features/sessions/locales/en.json";
import commonEl from "./locales/el.json";
import commonEn from "./locales/en.json";

export const resources = {
  en: {
    common: commonEn,
    problems: problemsEn,
    auth: authEn,
    home: homeEn,
    onboarding: onboardingEn,
    sessions: sessionsEn,
    consumption: consumptionEn,
    points: pointsEn,
    garden: gardenEn,
    badges: badgesEn,
    profile: profileEn,
  },
  el: {
    common: commonEl,
    problems: problemsEl,
    auth: authEl,
    home: homeEl,
    onboarding: onboardingEl,
    sessions: sessionsEl,
    consumption: consumptionEl,
    points: pointsEl,
    garden: gardenEl,
    badges: badgesEl,
    profile: profileEl,
  },
} as const;

export type Namespace = keyof (typeof resources)["en"];

export const NAMESPACES = Object.keys(resources.en) as Namespace[];
