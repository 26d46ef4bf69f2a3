import { randomInt } from "node:crypto";

/**
 * Join codes: 6 characters people read off a projector and type on a phone. The alphabet leaves out
 * look-alikes (0/O, 1/I/L). Codes are unique among live matches: the caller supplies the codes in use
 * (from room listings, which Redis shares across processes).
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 6;
const MAX_ATTEMPTS = 20;

export function randomCode(pick: (max: number) => number = randomInt): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return code;
}

/** Upper-cases and trims what a person typed; undefined when it cannot be a join code. */
export function normalizeCode(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  if (code.length !== CODE_LENGTH) return undefined;
  for (const char of code) if (!CODE_ALPHABET.includes(char)) return undefined;
  return code;
}

export async function allocateCode(
  codesInUse: () => Promise<Set<string>>,
  pick: (max: number) => number = randomInt,
): Promise<string> {
  const taken = await codesInUse();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const code = randomCode(pick);
    if (!taken.has(code)) return code;
  }
  throw new Error(`could not find a free join code after ${MAX_ATTEMPTS} attempts`);
}
