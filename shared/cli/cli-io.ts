// The CLI's only window on the outside world, injected by build/bin/pingcha.mjs (Node) or by tests
// (in memory), so that every command stays pure shared/ code.

export interface CliIo {
  /** Bytes of a file; rejects (e.g. ENOENT) when it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  /** Size of a file in bytes, looked at before reading it (optional: in-memory test IO may omit it). */
  fileSize?(path: string): Promise<number>;
  /** All of standard input. */
  readStdin(): Promise<Uint8Array>;
  /** Write to standard output (no newline added). */
  out(text: string): void;
  /** Write to standard error (no newline added). */
  err(text: string): void;
  /** Optional fast SHA-256 (hex) of a string's UTF-8 bytes, e.g. node:crypto; commands fall back to a portable one. */
  sha256Hex?: (s: string) => string;
  /** Optional fast UTF-8 validity check (e.g. Node's Buffer.isUtf8); commands fall back to TextDecoder. */
  isUtf8?: (bytes: Uint8Array) => boolean;
  /**
   * Optional: the first-ticket keys of many ids at once (shared/draw/ticket-key.ts
   * firstTicketKeysOfRanges), e.g. shared between threads; the result must equal that function's.
   */
  firstTicketKeys?: (
    seedHashHex: string,
    bytes: Uint8Array,
    starts: Uint32Array,
    ends: Uint32Array,
  ) => Promise<Float64Array>;
}

/** A command of the `pingcha` table: returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Pull `--name value` / `--name=value` out of args; returns the value or undefined, and removes it. */
export function takeOption(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === name) {
      const v = args[i + 1];
      args.splice(i, v === undefined ? 1 : 2);
      return v ?? '';
    }
    if (a.startsWith(name + '=')) {
      args.splice(i, 1);
      return a.slice(name.length + 1);
    }
  }
  return undefined;
}

/** Pull a boolean `--flag` out of args. */
export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}
