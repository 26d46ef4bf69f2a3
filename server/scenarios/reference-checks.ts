/** The pieces every cross-reference check of a scenario uses (docs/scenarios.md). */

export type Push = (path: string, message: string) => void;

export function checkUnique(items: readonly { id: string }[], path: string, push: Push, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined)
      push(`${path}[${i}].id`, `duplicate ${what} id '${item.id}' (also at [${first}])`);
    else seen.set(item.id, i);
  });
}

export function unknown(what: string, id: string, known: Set<string>): string {
  const list = [...known].map((k) => `'${k}'`).join(", ");
  return `unknown ${what} '${id}' (known: ${list || "none"})`;
}
