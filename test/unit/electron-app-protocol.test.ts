import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  contentTypeFor,
  createAppProtocolHandler,
  PRIVILEGED_SCHEMES,
  resolveAppPath,
} from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

const ROOT = path.resolve('/opt/pingcha/dist/renderer');
const inRoot = (...parts: string[]) => path.join(ROOT, ...parts);

describe('PRIVILEGED_SCHEMES', () => {
  it('registers app as a standard secure scheme without bypassing CSP', () => {
    expect(PRIVILEGED_SCHEMES).toHaveLength(1);
    const [entry] = PRIVILEGED_SCHEMES;
    expect(entry?.scheme).toBe('app');
    expect(entry?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(entry?.privileges).not.toHaveProperty('bypassCSP');
  });
});

describe('resolveAppPath: good paths', () => {
  it('serves files under the root with their content type', () => {
    expect(resolveAppPath('app://pingcha/index.html', ROOT)).toEqual({
      ok: true,
      filePath: inRoot('index.html'),
      contentType: 'text/html; charset=utf-8',
      spaFallback: false,
    });
    expect(resolveAppPath('app://pingcha/assets/index-AbC123.js?v=1#x', ROOT)).toMatchObject({
      ok: true,
      filePath: inRoot('assets', 'index-AbC123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppPath('app://pingcha/assets/NotoSerifSC.woff2', ROOT)).toMatchObject({
      ok: true,
      contentType: 'font/woff2',
    });
  });

  it('decodes percent-encoded (Chinese) names', () => {
    const url = `app://pingcha/assets/${encodeURIComponent('字体')}.ttf`;
    expect(resolveAppPath(url, ROOT)).toMatchObject({ ok: true, filePath: inRoot('assets', '字体.ttf') });
  });

  it('falls back to index.html for extensionless (client-side route) paths', () => {
    for (const url of [
      'app://pingcha',
      'app://pingcha/',
      'app://pingcha/ledgers',
      'app://pingcha/review/case/42',
    ]) {
      expect(resolveAppPath(url, ROOT)).toMatchObject({
        ok: true,
        filePath: inRoot('index.html'),
        spaFallback: true,
      });
    }
  });

  it('names content types by extension, octet-stream otherwise', () => {
    expect(contentTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.wasm')).toBe('application/wasm');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('resolveAppPath: refused', () => {
  it.each([
    ['parent segment', 'app://pingcha/../secret.txt'],
    ['nested parent', 'app://pingcha/assets/../../etc/passwd'],
    ['encoded dots', 'app://pingcha/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded dots and slash', 'app://pingcha/%2e%2e%2fsecret.txt'],
    ['mixed case encoding', 'app://pingcha/%2E%2E%2Fsecret.txt'],
    ['encoded backslash', 'app://pingcha/..%5csecret.txt'],
    ['raw backslash', 'app://pingcha/..\\secret.txt'],
    ['encoded slash', 'app://pingcha/assets%2f..%2f..%2fsecret.txt'],
    ['double encoding', 'app://pingcha/%252e%252e/secret.txt'],
    ['absolute posix path', 'app://pingcha//etc/passwd'],
    ['absolute windows path', 'app://pingcha/C:/Windows/win.ini'],
    ['encoded NUL', 'app://pingcha/index.html%00.png'],
    ['raw NUL', 'app://pingcha/index.html\0.png'],
    ['dot segment', 'app://pingcha/./index.html'],
    ['other host', 'app://evil/index.html'],
    ['host with suffix', 'app://pingcha.evil/index.html'],
    ['credentials', 'app://user@pingcha/index.html'],
    ['port', 'app://pingcha:80/index.html'],
    ['empty host', 'app:///etc/passwd'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://pingcha/index.html'],
    ['malformed encoding', 'app://pingcha/%E4%B8.js'],
    ['not a url', 'index.html'],
  ])('%s: %s', (_label, url) => {
    const result = resolveAppPath(url, ROOT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([400, 403, 404]).toContain(result.status);
  });

  it('refuses very long URLs', () => {
    expect(resolveAppPath(`app://pingcha/${'a'.repeat(5000)}.js`, ROOT).ok).toBe(false);
  });

  it('never resolves outside the root for any accepted URL', () => {
    const candidates = [
      'a',
      'b.js',
      '..',
      '.',
      '%2e',
      '%2f',
      '%5c',
      '\\',
      ':',
      '%00',
      '%',
      '~',
      'x..y.js',
      '...',
    ];
    for (const a of candidates) {
      for (const b of candidates) {
        const result = resolveAppPath(`app://pingcha/${a}/${b}`, ROOT);
        if (result.ok) expect(result.filePath.startsWith(ROOT + path.sep)).toBe(true);
      }
    }
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map([
    [inRoot('index.html'), new TextEncoder().encode('<!doctype html><title>评查台</title>')],
    [inRoot('assets', 'app.js'), new TextEncoder().encode('console.log(1)')],
  ]);
  const readFile = vi.fn(async (p: string) => {
    const bytes = files.get(p);
    if (!bytes) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return bytes;
  });
  const handler = createAppProtocolHandler({ rootDir: ROOT, readFile, csp: CONTENT_SECURITY_POLICY });

  it('serves a file with its type and the CSP header', async () => {
    const response = await handler({ url: 'app://pingcha/assets/app.js' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for client routes', async () => {
    const response = await handler({ url: 'app://pingcha/ledgers/import' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('评查台');
  });

  it('answers 404 for a missing asset (no index.html in its place)', async () => {
    const response = await handler({ url: 'app://pingcha/assets/missing.js' });
    expect(response.status).toBe(404);
  });

  it('answers 403 without reading anything for traversal', async () => {
    readFile.mockClear();
    const response = await handler({ url: 'app://pingcha/..%2f..%2fetc/passwd' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(readFile).not.toHaveBeenCalled();
  });
});
