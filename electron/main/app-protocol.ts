// The app:// scheme that serves dist/renderer. Pure: resolveAppPath decides which file (if any) a
// request may read; createAppProtocolHandler turns that into a Response with an injected reader.
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './constants';

/**
 * Registered with protocol.registerSchemesAsPrivileged before the app is ready: standard (so
 * relative URLs and the origin work), secure (so IndexedDB, workers and crypto.subtle are
 * available), fetch and streaming for the app's own assets, corsEnabled so Vite's
 * `<script type="module" crossorigin>` and module workers load (we send no
 * Access-Control-Allow-Origin, so no other origin can read our files). No bypassCSP.
 */
export const PRIVILEGED_SCHEMES = [
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
      codeCache: true,
    },
  },
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type ResolvedAppPath =
  | { ok: true; filePath: string; contentType: string; spaFallback: boolean }
  | { ok: false; status: 400 | 403 | 404; reason: string };

const MAX_URL_LENGTH = 4096;
// Encoded slash, backslash, dot and NUL: a legitimate asset URL from Vite never contains them.
const FORBIDDEN_ENCODED = /%(2f|5c|2e|00)/i;

function reject(status: 400 | 403 | 404, reason: string): ResolvedAppPath {
  return { ok: false, status, reason };
}

/**
 * Map an app://pingcha/... URL to a file under rootDir, or refuse. The raw string is inspected
 * before any URL parsing, because WHATWG parsing would silently fold `..` and `%2e%2e` segments
 * and hide an attack that we want to refuse outright. The final containment check is the backstop.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): ResolvedAppPath {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL_LENGTH) return reject(400, 'bad url');
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(requestUrl);
  if (!match) return reject(400, 'bad url');
  const [, scheme = '', authority = '', rawPath = ''] = match;
  if (scheme.toLowerCase() !== APP_SCHEME) return reject(403, 'wrong scheme');
  if (authority.toLowerCase() !== APP_HOST) return reject(403, 'wrong host');
  if (rawPath.includes('\\') || rawPath.includes('\0') || FORBIDDEN_ENCODED.test(rawPath)) {
    return reject(403, 'forbidden characters');
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath === '' ? '/' : rawPath);
  } catch {
    return reject(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /%[0-9a-f]{2}/i.test(decoded)) {
    return reject(403, 'forbidden characters');
  }

  const segments = decoded.split('/').slice(1); // decoded starts with '/'
  const inner = segments.slice(0, -1);
  if (inner.some((s) => s === '')) return reject(403, 'empty segment (absolute path)');
  if (segments.some((s) => s === '.' || s === '..')) return reject(403, 'dot segment');
  // A drive letter or alternate data stream (C:, file.txt:stream) would escape on Windows.
  if (segments.some((s) => s.includes(':'))) return reject(403, 'colon in path');

  const last = segments[segments.length - 1] ?? '';
  const spaFallback = last === '' || path.extname(last) === '';
  const relative = spaFallback ? 'index.html' : segments.join('/');

  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, ...relative.split('/'));
  if (!filePath.startsWith(root + path.sep)) return reject(403, 'outside root');
  return { ok: true, filePath, contentType: contentTypeFor(filePath), spaFallback };
}

export interface AppProtocolDeps {
  rootDir: string;
  readFile: (filePath: string) => Promise<Uint8Array>;
  csp: string;
}

/** Handler for protocol.handle('app', ...): files under rootDir with our CSP, or an error status. */
export function createAppProtocolHandler(
  deps: AppProtocolDeps,
): (request: { url: string }) => Promise<Response> {
  const securityHeaders = {
    'Content-Security-Policy': deps.csp,
    'X-Content-Type-Options': 'nosniff',
  };
  return async (request) => {
    const resolved = resolveAppPath(request.url, deps.rootDir);
    if (!resolved.ok) {
      return new Response(null, { status: resolved.status, headers: securityHeaders });
    }
    try {
      const body = await deps.readFile(resolved.filePath);
      return new Response(body as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { ...securityHeaders, 'Content-Type': resolved.contentType, 'Cache-Control': 'no-cache' },
      });
    } catch {
      return new Response(null, { status: 404, headers: securityHeaders });
    }
  };
}
