import type Phaser from "phaser";
import type { MapMarker } from "./controller.js";
import { markerColour } from "./palette.js";
import { toScreenX, toScreenY, type ViewState } from "./view.js";

/** Pixel size of a pin's head and the gap to its label. */
const PIN_PX = 7;
const LABEL_GAP_PX = 10;
const LABEL_STYLE = {
  fontFamily: "system-ui, sans-serif",
  fontSize: "14px",
  color: "#f6e3ef",
  backgroundColor: "#0b121ccc",
  padding: { x: 4, y: 2 },
};

/**
 * The side's markers (docs/classroom.md, "Crews"): a pin and its label at each point the server
 * delivered, kept at their place while the map pans and zooms.
 */
export class MarkersLayer {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly labels: Phaser.GameObjects.Text[] = [];
  /** How many markers the last frame drew (for tests). */
  drawn = 0;

  constructor(private readonly scene: Phaser.Scene) {
    this.g = scene.add.graphics().setDepth(11);
  }

  update(view: ViewState, markers: readonly MapMarker[]): void {
    const g = this.g;
    g.clear();
    while (this.labels.length < markers.length)
      this.labels.push(this.scene.add.text(0, 0, "", LABEL_STYLE).setDepth(11).setOrigin(0, 0.5));
    markers.forEach((marker, i) => {
      const x = toScreenX(view, marker.x);
      const y = toScreenY(view, marker.y);
      g.lineStyle(2, markerColour.hex, 1);
      g.lineBetween(x, y, x, y - 2 * PIN_PX);
      g.fillStyle(markerColour.hex, 1);
      g.fillCircle(x, y - 2 * PIN_PX, PIN_PX);
      g.lineStyle(1.5, 0xffffff, 0.9);
      g.strokeCircle(x, y - 2 * PIN_PX, PIN_PX);
      const label = this.labels[i];
      if (label.text !== marker.label) label.setText(marker.label);
      label.setPosition(x + LABEL_GAP_PX, y - 2 * PIN_PX).setVisible(true);
    });
    for (const label of this.labels.slice(markers.length)) label.setVisible(false);
    this.drawn = markers.length;
  }
}
