// Pure security policy of the shell: which navigations, new windows, external links, permissions
// and network requests are allowed (almost none: the app is offline). index.ts wires these to Electron.

/** The only hosts whose https pages may be opened in the user's browser (laws and regulations). */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = ['www.gov.cn', 'flk.npc.gov.cn'];

/**
 * Production policy: nothing but the app's own origin. 'wasm-unsafe-eval' lets the app compile its own
 * WebAssembly (the offline OCR's ONNX runtime, from the app's files); JavaScript eval stays forbidden.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Development policy for the pinned Vite dev server only: Vite's React refresh preamble is an
 * inline script and hot reload talks over a websocket to the same host. Never used when packaged.
 */
export function developmentContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * `URL.origin` is "null" for non-special schemes such as app:, so compare scheme and host ourselves.
 * Returns null for URLs carrying credentials, which never belong to us.
 */
export function originOf(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}

/** Navigation is allowed only within the app's own origin (reloads, in-app links); never away. */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === appOrigin.toLowerCase();
}

/** https, no credentials, no port, host exactly on the allow-list. */
export function isAllowedExternalUrl(
  url: string,
  allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST,
): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    allowlist.includes(parsed.hostname.toLowerCase())
  );
}

export type ExternalOpener = (url: string) => void | Promise<void>;

function openIfAllowed(url: string, openExternal: ExternalOpener, allowlist: readonly string[]): void {
  if (!isAllowedExternalUrl(url, allowlist)) return;
  // A failed hand-off to the browser must not crash the main process.
  Promise.resolve()
    .then(() => openExternal(url))
    .catch(() => undefined);
}

/**
 * setWindowOpenHandler: never opens a window in the app; allow-listed https links go to the
 * user's browser instead.
 */
export function createWindowOpenHandler(
  openExternal: ExternalOpener,
  allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST,
): (details: { url: string }) => { action: 'deny' } {
  return ({ url }) => {
    openIfAllowed(url, openExternal, allowlist);
    return { action: 'deny' };
  };
}

/** will-navigate / will-redirect guard: stays in the app; allow-listed https links go to the browser. */
export function createNavigationGuard(
  appOrigin: string,
  openExternal: ExternalOpener,
  allowlist: readonly string[] = EXTERNAL_HOST_ALLOWLIST,
): (event: { preventDefault(): void }, url: string) => void {
  return (event, url) => {
    if (isAllowedNavigation(url, appOrigin)) return;
    event.preventDefault();
    openIfAllowed(url, openExternal, allowlist);
  };
}

/** Permissions the app's own pages may have: full screen, for the seed ceremony. Nothing else, ever. */
export const APP_PERMISSIONS: readonly string[] = ['fullscreen'];

interface PermissionRequestDetails {
  requestingUrl?: string;
}

interface RequestingContents {
  getURL?: () => string;
}

/** The URL that asks: Electron's details.requestingUrl, else the page of the asking webContents. */
function requestingUrlOf(webContents: unknown, details: PermissionRequestDetails | undefined): string {
  if (details?.requestingUrl) return details.requestingUrl;
  const getURL = (webContents as RequestingContents | null)?.getURL;
  if (typeof getURL !== 'function') return '';
  try {
    return getURL.call(webContents);
  } catch {
    return '';
  }
}

/** Whether `permission` may be granted to `url`: only APP_PERMISSIONS, only for the app's own origin. */
export function isAllowedPermission(permission: string, url: string, appOrigin: string): boolean {
  return APP_PERMISSIONS.includes(permission) && isAllowedNavigation(url, appOrigin);
}

/**
 * session.setPermissionRequestHandler: the app needs no camera, notifications, geolocation ...;
 * its own pages may go full screen (the seed ceremony). Everything else is refused.
 */
export function createPermissionRequestHandler(
  appOrigin: string,
): (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: PermissionRequestDetails,
) => void {
  return (webContents, permission, callback, details) => {
    callback(isAllowedPermission(permission, requestingUrlOf(webContents, details), appOrigin));
  };
}

/** session.setPermissionCheckHandler: the same rule, asked with the requesting origin. */
export function createPermissionCheckHandler(
  appOrigin: string,
): (webContents: unknown, permission: string, requestingOrigin: string) => boolean {
  return (_webContents, permission, requestingOrigin) =>
    isAllowedPermission(permission, requestingOrigin, appOrigin);
}

/** A handler that refuses every permission (kept for windows that are not the app). */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

/** session.setPermissionCheckHandler that refuses everything. */
export function denyPermissionCheck(): boolean {
  return false;
}

/**
 * Network requests: the app is offline. Only the app's own scheme (and, in development, the
 * pinned dev server) may be fetched; devtools and data/blob URLs are internal to Chromium.
 */
export function isAllowedRequest(url: string, options: { devServerOrigin?: string | null } = {}): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (['app:', 'data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(parsed.protocol)) return true;
  const dev = options.devServerOrigin?.toLowerCase();
  if (!dev) return false;
  const origin = originOf(url);
  return origin === dev || origin === dev.replace(/^http/, 'ws');
}

export type ResponseHeaders = Record<string, string[] | string>;

/** onHeadersReceived: replace any Content-Security-Policy with ours and forbid MIME sniffing. */
export function withSecurityHeaders(
  headers: ResponseHeaders | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'x-content-type-options') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [csp];
  result['X-Content-Type-Options'] = ['nosniff'];
  return result;
}
