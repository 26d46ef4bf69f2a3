import Phaser from "phaser";
import "./styles.css";
import { MapController } from "./map/controller.js";
import { css } from "./map/palette.js";
import { BootScene, CONTROLLER_KEY, MapScene } from "./map/scene.js";
import { App } from "./ui/app.js";
import { installFrameStats } from "./util/frame-stats.js";

/**
 * The one game factory: a Phaser game that draws the map into #map, driven through a MapController
 * by the HTML interface (or by the synthetic benchmark with `?bench=<tracks>`).
 */
export function createGame(parent: HTMLElement, controller: MapController): Phaser.Game {
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent,
    backgroundColor: css.sea,
    banner: false,
    disableContextMenu: true,
    scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
    // No MSAA: lines are antialiased in the canvas-drawn backdrop and symbols; software GL pays dearly for it.
    render: { antialias: true, antialiasGL: false, powerPreference: "high-performance" },
    input: { keyboard: false },
    scene: [BootScene, MapScene],
    callbacks: { preBoot: (g) => g.registry.set(CONTROLLER_KEY, controller) },
  });
  installFrameStats(game);
  return game;
}

const controller = new MapController();
createGame(document.getElementById("map")!, controller);
const benchTracks = Number(new URLSearchParams(location.search).get("bench"));
// The benchmark is a separate chunk, fetched only in bench mode: players never download it.
if (benchTracks > 0)
  void import("./bench/bench.js").then(({ startBench }) => startBench(controller, benchTracks));
else new App(controller);
