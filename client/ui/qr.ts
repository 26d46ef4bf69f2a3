import QRCode from "qrcode";
import { h } from "./dom.js";

/**
 * Links to a match from the server's public URL: the generic join link, one per seat, the spectator's (with the
 * spectator key when the instructor shares it, e.g. for the classroom screen),
 * and the instructor's rejoin link (which carries the instructor key).
 */
export function joinLink(
  base: string,
  code: string,
  params: { seat?: string; role?: string; view?: string; key?: string; skey?: string } = {},
): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const text = query.toString();
  return `${base.replace(/\/+$/, "")}/#/match/${code}${text ? `?${text}` : ""}`;
}

/** A QR code of `text` as inline SVG (crisp on a projector). */
export function qrElement(text: string, testid = "qr"): HTMLElement {
  const box = h("div", {
    class: "qr",
    testid,
    title: text,
    role: "img",
    "aria-label": `QR code for ${text}`,
  });
  QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" })
    .then((svg) => {
      box.innerHTML = svg;
    })
    .catch(() => box.append("QR code unavailable"));
  return box;
}

/** A link with a copy button. */
export function copyableLink(url: string, testid: string): HTMLElement {
  const copy = h(
    "button",
    {
      class: "small",
      onclick: () => {
        void navigator.clipboard?.writeText(url).then(
          () => (copy.textContent = "Copied"),
          () => (copy.textContent = "Select and copy"),
        );
      },
    },
    "Copy",
  );
  return h(
    "div",
    { class: "row", style: "margin:4px 0" },
    h("a", { class: "linkbox grow", href: url, testid, target: "_blank", rel: "noopener" }, url),
    copy,
  );
}
