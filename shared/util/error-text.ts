// The text of a caught value for a message line: an Error's message (repositories, services and workers
// throw Chinese messages), anything else as a string.
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
