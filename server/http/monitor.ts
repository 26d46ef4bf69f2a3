import { timingSafeEqual } from "node:crypto";
import { monitor } from "@colyseus/monitor";
import { type RequestHandler, Router } from "express";

/** @colyseus/monitor behind HTTP basic auth (any user name, the configured password). */
export function monitorRouter(password: string): Router {
  const router = Router();
  router.use(basicAuth(password));
  router.use(monitor());
  return router;
}

function basicAuth(password: string): RequestHandler {
  const expected = Buffer.from(password);
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const encoded = header.startsWith("Basic ") ? header.slice("Basic ".length) : "";
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const given = Buffer.from(decoded.slice(decoded.indexOf(":") + 1));
    if (decoded.includes(":") && given.length === expected.length && timingSafeEqual(given, expected))
      return next();
    res.setHeader("WWW-Authenticate", 'Basic realm="skyshield monitor"');
    res.status(401).json({ error: "unauthorized", message: "the monitor needs the MONITOR_PASSWORD" });
  };
}
