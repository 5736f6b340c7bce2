// Each species drawn at each stage, in a box 100 wide and 120 high with the plant's foot at
// (50, 110). A later stage is drawn bigger (STAGE_SCALE) and fuller: more stems, tiers or
// branches, and flowers or fruit once blooming. The garden's health colours the leaves and
// makes them hang (palette.ts).
import type { ReactNode } from "react";
import { Circle, Ellipse, G, Line, Path, Polygon, Rect } from "react-native-svg";
import type { PlantStage, Species } from "../../api/types";
import { faded, mix, type GardenPalette } from "./palette";

export const PLANT_BOX = { width: 100, height: 120 } as const;
/** Where a plant meets the ground in its box. */
export const PLANT_FOOT = { x: 50, y: 110 } as const;
const FOOT_X = PLANT_FOOT.x;
const FOOT_Y = PLANT_FOOT.y;

/** How big each stage is drawn, against a blooming plant. */
export const STAGE_SCALE: Record<PlantStage, number> = { seed: 1, sprout: 1, young: 0.62, mature: 0.82, blooming: 1 };

type GrownStage = "young" | "mature" | "blooming";

/** How many of a repeated part (stems, tiers, leaves) each grown stage has. */
const fullness = (stage: GrownStage, young: number, mature: number, blooming: number) =>
  stage === "young" ? young : stage === "mature" ? mature : blooming;

/**
 * A leaf whose stalk end is at (x, y), pointing out to one `side` (1 right, −1 left) `lift`
 * degrees above the horizontal, less the palette's droop.
 */
function leaf(key: string, x: number, y: number, side: 1 | -1, lift: number, length: number, width: number, color: string, droop: number) {
  const angle = side === 1 ? -(lift - droop) : 180 + (lift - droop);
  const radians = (angle * Math.PI) / 180;
  const cx = x + (Math.cos(radians) * length) / 2;
  const cy = y + (Math.sin(radians) * length) / 2;
  return <Ellipse key={key} cx={cx} cy={cy} rx={length / 2} ry={width / 2} fill={color} transform={`rotate(${angle} ${cx} ${cy})`} />;
}

/** Evenly spread values from `from` to `to` (the middle one alone when there is one). */
function spread(count: number, from: number, to: number): number[] {
  if (count === 1) return [(from + to) / 2];
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

/** The tip of a stem from the foot, `length` long, `tilt` degrees off the vertical. */
function stemTip(length: number, tilt: number) {
  const radians = (tilt * Math.PI) / 180;
  return { x: FOOT_X + Math.sin(radians) * length, y: FOOT_Y - 2 - Math.cos(radians) * length };
}

function Seed({ palette }: { palette: GardenPalette }) {
  return (
    <G>
      <Ellipse cx={FOOT_X} cy={FOOT_Y - 5} rx={6} ry={4} fill={mix(palette.soil, "#3B2414", 0.35)} />
      <Line x1={FOOT_X} y1={FOOT_Y - 8} x2={FOOT_X + 2} y2={FOOT_Y - 13} stroke={palette.leaf} strokeWidth={2} strokeLinecap="round" />
    </G>
  );
}

function Sprout({ palette }: { palette: GardenPalette }) {
  const top = FOOT_Y - 22;
  return (
    <G>
      <Line x1={FOOT_X} y1={FOOT_Y - 2} x2={FOOT_X} y2={top} stroke={palette.leafDark} strokeWidth={2.5} strokeLinecap="round" />
      {leaf("right", FOOT_X, top + 1, 1, 40, 14, 7, palette.leaf, palette.droop)}
      {leaf("left", FOOT_X, top + 1, -1, 40, 14, 7, palette.leaf, palette.droop)}
    </G>
  );
}

function Thyme({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const stems = fullness(stage, 3, 5, 7);
  const parts: ReactNode[] = [
    <Ellipse key="bush" cx={FOOT_X} cy={FOOT_Y - 16} rx={fullness(stage, 12, 18, 22)} ry={14} fill={palette.leafDark} />,
  ];
  spread(stems, -55, 55).forEach((tilt, i) => {
    const tip = stemTip(36, tilt);
    parts.push(<Line key={`stem${i}`} x1={FOOT_X} y1={FOOT_Y - 2} x2={tip.x} y2={tip.y} stroke={palette.leafDark} strokeWidth={2} />);
    [0.45, 0.7, 0.95].forEach((along, j) => {
      const x = FOOT_X + (tip.x - FOOT_X) * along;
      const y = FOOT_Y - 2 + (tip.y - FOOT_Y + 2) * along;
      parts.push(leaf(`leaf${i}-${j}`, x, y, j % 2 === 0 ? 1 : -1, 30, 9, 5, palette.leaf, palette.droop));
    });
    if (stage === "blooming") parts.push(<Circle key={`flower${i}`} cx={tip.x} cy={tip.y - 2} r={3.2} fill={faded("#C874B8", palette)} />);
  });
  return <G>{parts}</G>;
}

function Lavender({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const stems = fullness(stage, 3, 5, 7);
  const stemColour = mix(palette.leafDark, "#A7B3A0", 0.3);
  const spike = stage === "young" ? stemColour : faded(stage === "mature" ? "#9C82CF" : "#7048B5", palette);
  const parts: ReactNode[] = [
    leaf("base-right", FOOT_X, FOOT_Y - 3, 1, 55, 24, 5, stemColour, palette.droop),
    leaf("base-left", FOOT_X, FOOT_Y - 3, -1, 55, 24, 5, stemColour, palette.droop),
  ];
  spread(stems, -24, 24).forEach((tilt, i) => {
    const tip = stemTip(74, tilt + palette.droop * 0.3);
    parts.push(<Line key={`stem${i}`} x1={FOOT_X} y1={FOOT_Y - 2} x2={tip.x} y2={tip.y} stroke={stemColour} strokeWidth={2} />);
    const buds = fullness(stage, 3, 5, 7);
    for (let b = 0; b < buds; b += 1) {
      const along = 1 - b * 0.045;
      const x = FOOT_X + (tip.x - FOOT_X) * along;
      const y = FOOT_Y - 2 + (tip.y - FOOT_Y + 2) * along;
      parts.push(<Ellipse key={`bud${i}-${b}`} cx={x} cy={y} rx={3} ry={4} fill={spike} />);
    }
  });
  return <G>{parts}</G>;
}

function Sunflower({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const top = FOOT_Y - 86;
  const head = { x: FOOT_X + palette.droop * 0.35, y: top + palette.droop * 0.3 };
  const leaves = fullness(stage, 2, 4, 4);
  const parts: ReactNode[] = [
    <Path
      key="stem"
      d={`M${FOOT_X} ${FOOT_Y - 2} Q${FOOT_X - 2} ${(FOOT_Y + top) / 2} ${head.x} ${head.y}`}
      stroke={palette.leafDark}
      strokeWidth={4}
      fill="none"
    />,
  ];
  for (let i = 0; i < leaves; i += 1) {
    parts.push(leaf(`leaf${i}`, FOOT_X - 1, FOOT_Y - 22 - i * 14, i % 2 === 0 ? 1 : -1, 25, 26, 13, palette.leaf, palette.droop));
  }
  if (stage === "young") {
    parts.push(<Circle key="bud" cx={head.x} cy={head.y} r={7} fill={palette.leafDark} />);
  } else {
    const radius = stage === "mature" ? 11 : 17;
    const petals = stage === "mature" ? 10 : 14;
    const petal = faded("#F5B700", palette);
    for (let k = 0; k < petals; k += 1) {
      const angle = (k * 360) / petals;
      const radians = (angle * Math.PI) / 180;
      const cx = head.x + Math.cos(radians) * radius * 0.72;
      const cy = head.y + Math.sin(radians) * radius * 0.72;
      parts.push(
        <Ellipse key={`petal${k}`} cx={cx} cy={cy} rx={radius * 0.5} ry={radius * 0.2} fill={petal} transform={`rotate(${angle} ${cx} ${cy})`} />,
      );
    }
    parts.push(<Circle key="centre" cx={head.x} cy={head.y} r={radius * 0.48} fill={faded("#5A3A1A", palette)} />);
  }
  return <G>{parts}</G>;
}

/** Round or flat leafy crowns of a small tree, each (cx, cy, rx, ry). */
type Crown = readonly [number, number, number, number];

function Tree({ trunkTop, trunkWidth, crowns, crownColour, trunkPath, palette, children }: {
  trunkTop: number;
  trunkWidth: number;
  crowns: readonly Crown[];
  crownColour: string;
  trunkPath?: string;
  palette: GardenPalette;
  children?: ReactNode;
}) {
  const sag = palette.droop * 0.15;
  return (
    <G>
      {trunkPath ? (
        <Path d={trunkPath} stroke={palette.trunk} strokeWidth={trunkWidth} fill="none" strokeLinecap="round" />
      ) : (
        <Rect x={FOOT_X - trunkWidth / 2} y={trunkTop} width={trunkWidth} height={FOOT_Y - trunkTop} fill={palette.trunk} />
      )}
      {crowns.map(([cx, cy, rx, ry], i) => (
        <Ellipse key={i} cx={cx} cy={cy + sag} rx={rx} ry={ry - sag * 0.3} fill={i % 2 === 0 ? crownColour : mix(crownColour, palette.leafDark, 0.3)} />
      ))}
      {children}
    </G>
  );
}

function Lemon({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const crowns: Crown[] =
    stage === "young"
      ? [[50, 62, 18, 17]]
      : [
          [38, 58, 17, 16],
          [62, 58, 17, 16],
          [50, 44, stage === "mature" ? 18 : 21, 18],
        ];
  const lemons: [number, number][] = [[36, 62], [58, 66], [66, 52], [46, 40], [54, 54]];
  const blossoms: [number, number][] = [[42, 48], [62, 42], [30, 56], [50, 66]];
  return (
    <Tree trunkTop={fullness(stage, 74, 66, 64)} trunkWidth={fullness(stage, 4, 6, 7)} crowns={crowns} crownColour={palette.leaf} palette={palette}>
      {stage === "blooming" &&
        lemons.map(([x, y], i) => <Ellipse key={`lemon${i}`} cx={x} cy={y + palette.droop * 0.15} rx={4.5} ry={3.5} fill={faded("#F2D230", palette)} />)}
      {stage === "blooming" && blossoms.map(([x, y], i) => <Circle key={`blossom${i}`} cx={x} cy={y} r={2.2} fill={faded("#FFFFFF", palette)} />)}
    </Tree>
  );
}

function Olive({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const silver = mix(palette.leaf, "#B9C6B0", 0.45);
  const crowns: Crown[] =
    stage === "young"
      ? [[50, 64, 20, 11]]
      : [
          [36, 60, 18, 10],
          [64, 60, 18, 10],
          [50, 48, 21, 12],
          ...(stage === "blooming" ? ([[50, 68, 26, 9]] as const) : []),
        ];
  const olives: [number, number][] = [[34, 64], [44, 54], [60, 52], [66, 64], [52, 70], [40, 70]];
  return (
    <Tree
      trunkTop={60}
      trunkWidth={fullness(stage, 4, 6, 7)}
      trunkPath={`M${FOOT_X - 2} ${FOOT_Y} C${FOOT_X - 7} 96 ${FOOT_X + 7} 86 ${FOOT_X - 1} 62`}
      crowns={crowns}
      crownColour={silver}
      palette={palette}
    >
      {stage === "blooming" &&
        olives.map(([x, y], i) => <Ellipse key={`olive${i}`} cx={x} cy={y + palette.droop * 0.15} rx={2.6} ry={3.4} fill={faded("#3E4A26", palette)} />)}
    </Tree>
  );
}

function Cedar({ stage, palette }: { stage: GrownStage; palette: GardenPalette }) {
  const tiers = fullness(stage, 2, 3, 4);
  const sag = palette.droop * 0.2;
  return (
    <G>
      <Rect x={FOOT_X - 3.5} y={86} width={7} height={FOOT_Y - 86} fill={palette.trunk} />
      {Array.from({ length: tiers }, (_, i) => {
        const base = 94 - i * 17;
        const half = 34 - i * 7;
        const colour = i % 2 === 0 ? palette.leafDark : mix(palette.leafDark, palette.leaf, 0.4);
        return (
          <Polygon
            key={i}
            points={`${FOOT_X - half},${base + sag} ${FOOT_X},${base - 28} ${FOOT_X + half},${base + sag}`}
            fill={colour}
          />
        );
      })}
      {stage === "blooming" &&
        ([[38, 86], [62, 84], [44, 66], [58, 64]] as const).map(([x, y], i) => (
          <Ellipse key={`cone${i}`} cx={x} cy={y + sag} rx={2.5} ry={4} fill={faded("#7A5230", palette)} />
        ))}
    </G>
  );
}

const SPECIES: Record<Species, (props: { stage: GrownStage; palette: GardenPalette }) => ReactNode> = {
  thyme: Thyme,
  lavender: Lavender,
  sunflower: Sunflower,
  lemon: Lemon,
  olive: Olive,
  cedar: Cedar,
};

/** One plant on its mound of soil, drawn for its species, stage and the garden's health. */
export function PlantDrawing({ species, stage, palette }: { species: Species; stage: PlantStage; palette: GardenPalette }) {
  const Grown = SPECIES[species];
  const scale = STAGE_SCALE[stage];
  return (
    <G>
      <Ellipse cx={FOOT_X} cy={FOOT_Y} rx={20} ry={6} fill={palette.soil} />
      <G transform={`rotate(${palette.lean} ${FOOT_X} ${FOOT_Y}) translate(${FOOT_X} ${FOOT_Y}) scale(${scale}) translate(${-FOOT_X} ${-FOOT_Y})`}>
        {stage === "seed" ? <Seed palette={palette} /> : stage === "sprout" ? <Sprout palette={palette} /> : <Grown stage={stage} palette={palette} />}
      </G>
    </G>
  );
}
