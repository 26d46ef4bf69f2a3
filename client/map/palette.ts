/**
 * Map colours (docs/screen.md): a dark operations-room display. Identity colours follow the Okabe–Ito
 * colour-blind-safe set, and every identity also has its own shape, so colour is never the only cue.
 */
export const css = {
  sea: "#08111d",
  seaClosedHatch: "rgba(120, 140, 170, 0.22)",
  land: "#1a212b",
  defender: "#263242",
  attacker: "#2d1f24",
  neighbour: "#1e2a26",
  neutral: "#1c2229",
  border: "#3b4859",
  neighbourBorder: "#6f9683",
  attackerBorder: "#7a4b52",
  regionLabel: "rgba(190, 205, 220, 0.55)",
  grid: "#d9a441",
  gridCut: "#ff5a4e",
  city: "#f3f5f7",
  cityLabel: "rgba(235, 240, 245, 0.85)",
  blackoutHalo: "rgba(0, 0, 0, 0.75)",
  launchZone: "rgba(255, 90, 78, 0.55)",
  reach: "rgba(86, 180, 233, 0.8)",
  reachFill: "rgba(86, 180, 233, 0.06)",
  sightedReach: "rgba(255, 90, 78, 0.5)",
  coverageHigh: "rgba(200, 220, 240, 0.4)",
  coverageLow: "rgba(240, 228, 66, 0.6)",
  coverageVeryLow: "rgba(230, 159, 0, 0.75)",
  salvoRoute: "rgba(255, 140, 120, 0.7)",
  ghost: "rgba(255, 255, 255, 0.9)",
} as const;

/** Identity colours as 0xRRGGBB for Phaser and as CSS strings for canvases and the legend. */
export const identity = {
  hostile: { hex: 0xff5a4e, css: "#ff5a4e" },
  unknown: { hex: 0xf0e442, css: "#f0e442" },
  friendly: { hex: 0x56b4e9, css: "#56b4e9" },
  ally: { hex: 0x3cc99a, css: "#3cc99a" },
  decoy: { hex: 0x9aa3ad, css: "#9aa3ad" },
  interceptor: { hex: 0x9fe8ff, css: "#9fe8ff" },
} as const;

export type Relation = "hostile" | "friendly" | "ally";

/** A side's map markers (docs/classroom.md, "Crews"): Okabe–Ito reddish purple, apart from every identity. */
export const markerColour = { hex: 0xcc79a7, css: "#cc79a7" } as const;
