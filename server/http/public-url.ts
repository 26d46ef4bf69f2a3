import { networkInterfaces } from "node:os";
import { type Request, Router } from "express";

/**
 * Where players reach this server: the base of join links and QR codes. PUBLIC_URL when set; otherwise
 * the address the page was loaded from, except that a loopback address (the instructor opened
 * localhost) is replaced by this machine's network address when it has one, because a phone cannot
 * open 127.0.0.1. `loopback` tells the instructor's screen to warn that the link will not work.
 */
export interface PublicUrl {
  url: string;
  source: "setting" | "network" | "request";
  loopback: boolean;
}

export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\](:\d+)?$|:\d+$/g, "").toLowerCase();
  return name === "localhost" || name === "::1" || name === "0.0.0.0" || /^127\./.test(name);
}

/** This machine's first IPv4 address on a network (not loopback), if any. */
export function networkAddress(): string | undefined {
  for (const addresses of Object.values(networkInterfaces())) {
    const found = addresses?.find((a) => a.family === "IPv4" && !a.internal);
    if (found) return found.address;
  }
  return undefined;
}

export function resolvePublicUrl(
  setting: string | undefined,
  request: { protocol: string; host: string },
  network: string | undefined,
): PublicUrl {
  if (setting) {
    const url = setting.replace(/\/+$/, "");
    return { url, source: "setting", loopback: isLoopbackHost(new URL(url).host) };
  }
  const base = `${request.protocol}://${request.host}`;
  if (isLoopbackHost(request.host) && network) {
    const port = new URL(base).port;
    return {
      url: `${request.protocol}://${network}${port ? `:${port}` : ""}`,
      source: "network",
      loopback: false,
    };
  }
  return { url: base, source: "request", loopback: isLoopbackHost(request.host) };
}

/** GET /api/public-url */
export function publicUrlRouter(setting: string | undefined, network = networkAddress): Router {
  const router = Router();
  router.get("/public-url", (req: Request, res) => {
    res.json(resolvePublicUrl(setting, { protocol: req.protocol, host: req.get("host") ?? "" }, network()));
  });
  return router;
}
