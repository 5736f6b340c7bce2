// The garden's colours for each state of health. A thriving garden is lush and bright; a thirsty
// one paler, its leaves hanging a little; a wilting one brown and grey and drooping more, but
// still standing: a garden here never dies.
import type { GardenHealth } from "../../api/types";

export interface GardenPalette {
  sky: string;
  sun: string;
  /** A cloud over the sun, or none. */
  cloud: string | null;
  hills: string;
  ground: string;
  soil: string;
  leaf: string;
  leafDark: string;
  trunk: string;
  /** How far the flowers' and fruits' own colours fade towards grey (0 = not at all). */
  fade: number;
  /** Degrees the leaves hang below where a healthy plant holds them. */
  droop: number;
  /** Degrees a whole plant leans over. */
  lean: number;
}

export const PALETTES: Record<GardenHealth, GardenPalette> = {
  thriving: {
    sky: "#CDEBFA",
    sun: "#FFD34D",
    cloud: null,
    hills: "#93CD8C",
    ground: "#5FA852",
    soil: "#6F4A2B",
    leaf: "#2E8B3A",
    leafDark: "#1C6628",
    trunk: "#6B4423",
    fade: 0,
    droop: 0,
    lean: 0,
  },
  thirsty: {
    sky: "#E4EBEE",
    sun: "#F2E3A6",
    cloud: null,
    hills: "#C3CB95",
    ground: "#B3B36E",
    soil: "#8A6844",
    leaf: "#86A95A",
    leafDark: "#6A8A43",
    trunk: "#7A5A3C",
    fade: 0.35,
    droop: 16,
    lean: 4,
  },
  wilting: {
    sky: "#D9D9D4",
    sun: "#E3DFCF",
    cloud: "#C4C4BE",
    hills: "#B5AD93",
    ground: "#A3977A",
    soil: "#85705A",
    leaf: "#9A8A60",
    leafDark: "#7A6C4A",
    trunk: "#6C5946",
    fade: 0.7,
    droop: 32,
    lean: 9,
  },
};

/** A colour (#RRGGBB) `amount` of the way (0 to 1) towards another. */
export function mix(hex: string, toward: string, amount: number): string {
  if (amount <= 0) return hex;
  const channel = (color: string, at: number) => parseInt(color.slice(at, at + 2), 16);
  const channels = [1, 3, 5].map((at) => Math.round(channel(hex, at) + (channel(toward, at) - channel(hex, at)) * amount));
  return `#${channels.map((value) => value.toString(16).padStart(2, "0")).join("")}`;
}

/** A flower's or fruit's colour as the garden's health shows it: fading towards a warm grey. */
export function faded(hex: string, palette: GardenPalette): string {
  return mix(hex, "#9A9A8E", palette.fade);
}
