/**
 * Closes a switch over a union: TypeScript reports a missing case at the call, and a value that slips
 * past the types (bad data) fails loudly instead of falling through.
 */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
