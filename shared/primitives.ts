import { z } from "zod";

/** The scenario format's basic values (docs/scenarios.md): ids and points on the theatre plane. */

export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and dashes, e.g. 'sam-1'");

export const PointKm = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();
export const LonLat = z
  .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
  .strict();
/** A point in a scenario or plan file: km on the theatre plane or lon/lat. */
export const Point = z.union([PointKm, LonLat]);
export type PointKm = z.infer<typeof PointKm>;
export type LonLat = z.infer<typeof LonLat>;
export type Point = z.infer<typeof Point>;
