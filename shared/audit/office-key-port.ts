// The desktop's office key as the page reaches it: the secret half stays in the Electron main process, which
// signs committed log heads and panel packages over validated IPC (renderer/platform/electron.ts implements it;
// renderer/db/office-key-repository.ts uses it). A type only, shared by the platform and the store.
import type { SignedLogHead } from './log-head';

/**
 * Desktop only: the office signing key held by the main process, encrypted at rest with Electron
 * safeStorage. Only public values cross: the renderer never holds the secret half.
 */
export interface DesktopOfficeKey {
  status(): Promise<{ publicKey: string | null; protectedBy: 'safeStorage' | 'unavailable' }>;
  /** Creates the key on first use; its public half. */
  ensure(): Promise<{ publicKey: string; created: boolean }>;
  /** Signs a committed log head and keeps it in the main process's own file. */
  signLogHead(head: { seq: number; hash: string; at: string }): Promise<SignedLogHead>;
  readLogHead(): Promise<SignedLogHead | null>;
  /** Signs a panel package's signing text (the main process refuses any other text). */
  signPanelPackage(request: { text: string }): Promise<{ publicKey: string; signature: string }>;
  /** The key as a passphrase-encrypted key file (the web build's format). */
  exportKeyFile(request: { passphrase: string }): Promise<{ bytes: Uint8Array; publicKey: string }>;
  /** A new key (generated, or from a key file) held aside in the main process, unused until activated. */
  prepareKey(
    request:
      { source: 'generate' } | { source: 'file'; bytes: Uint8Array; passphrase: string; fileName: string },
  ): Promise<{ publicKey: string }>;
  /** The prepared key becomes the office key. */
  activateKey(request: { publicKey: string }): Promise<{ publicKey: string }>;
  /** Moves an older install's keyring key into the main process (when it holds none, or the same). */
  adoptKey(request: { secretKey: string }): Promise<{ publicKey: string; adopted: boolean }>;
}
