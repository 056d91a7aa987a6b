import { describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createNavigationGuard,
  createWindowOpenHandler,
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  denyPermissionCheck,
  denyPermissionRequest,
  developmentContentSecurityPolicy,
  EXTERNAL_HOST_ALLOWLIST,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedRequest,
  originOf,
  withSecurityHeaders,
} from '../../electron/main/security';

const APP = 'app://pingcha';

/** Let the opener's promise chain run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('isAllowedNavigation', () => {
  it('allows the app origin only', () => {
    expect(isAllowedNavigation('app://pingcha/index.html', APP)).toBe(true);
    expect(isAllowedNavigation('app://pingcha/ledgers?x=1#y', APP)).toBe(true);
    expect(isAllowedNavigation('APP://PINGCHA/index.html', APP)).toBe(true);
  });

  it.each([
    'https://www.gov.cn/',
    'http://127.0.0.1:5183/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://pingcha.evil.com/',
    'app://user:pw@pingcha/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('denies %s', (url) => {
    expect(isAllowedNavigation(url, APP)).toBe(false);
  });

  it('allows the dev server when that is the app origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:5183/ledgers', 'http://127.0.0.1:5183')).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:5184/', 'http://127.0.0.1:5183')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5183/', 'http://127.0.0.1:5183')).toBe(false);
  });

  it('computes origins for non-special schemes (URL.origin says "null")', () => {
    expect(originOf('app://pingcha/a/b')).toBe('app://pingcha');
    expect(originOf('https://www.gov.cn:443/x')).toBe('https://www.gov.cn');
    expect(originOf('garbage')).toBeNull();
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows https on allow-listed hosts', () => {
    expect(EXTERNAL_HOST_ALLOWLIST).toEqual(expect.arrayContaining(['www.gov.cn', 'flk.npc.gov.cn']));
    expect(isAllowedExternalUrl('https://www.gov.cn/zhengce/index.htm')).toBe(true);
    expect(isAllowedExternalUrl('https://flk.npc.gov.cn/detail2.html?ZmY4')).toBe(true);
  });

  it.each([
    'http://www.gov.cn/',
    'https://www.gov.cn.evil.com/',
    'https://evil.com/?u=https://www.gov.cn',
    'https://user@www.gov.cn/',
    'https://www.gov.cn:8443/',
    'https://gov.cn/',
    'file:///C:/Windows/system32/calc.exe',
    'smb://www.gov.cn/share',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('createWindowOpenHandler', () => {
  it('always denies the new window and opens allow-listed https links externally', async () => {
    const opener = vi.fn();
    const handler = createWindowOpenHandler(opener);
    expect(handler({ url: 'https://www.gov.cn/zhengce/' })).toEqual({ action: 'deny' });
    await flush();
    expect(opener).toHaveBeenCalledTimes(1);
    expect(opener).toHaveBeenCalledWith('https://www.gov.cn/zhengce/');
  });

  it('never calls the opener for other URLs', async () => {
    const opener = vi.fn();
    const handler = createWindowOpenHandler(opener);
    for (const url of [
      'https://evil.com/',
      'http://www.gov.cn/',
      'app://pingcha/index.html',
      'file:///etc/passwd',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    await flush();
    expect(opener).not.toHaveBeenCalled();
  });

  it('survives an opener that fails', async () => {
    const handler = createWindowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://www.gov.cn/' })).toEqual({ action: 'deny' });
    await flush();
  });
});

describe('createNavigationGuard', () => {
  it('lets in-app navigation through', () => {
    const opener = vi.fn();
    const event = { preventDefault: vi.fn() };
    createNavigationGuard(APP, opener)(event, 'app://pingcha/index.html#/draw');
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(opener).not.toHaveBeenCalled();
  });

  it('prevents navigation away and hands allow-listed links to the browser', async () => {
    const opener = vi.fn();
    const guard = createNavigationGuard(APP, opener);
    const toGov = { preventDefault: vi.fn() };
    guard(toGov, 'https://flk.npc.gov.cn/index.html');
    const toEvil = { preventDefault: vi.fn() };
    guard(toEvil, 'https://evil.com/');
    const toFile = { preventDefault: vi.fn() };
    guard(toFile, 'file:///etc/passwd');
    await flush();
    expect(toGov.preventDefault).toHaveBeenCalled();
    expect(toEvil.preventDefault).toHaveBeenCalled();
    expect(toFile.preventDefault).toHaveBeenCalled();
    expect(opener).toHaveBeenCalledTimes(1);
    expect(opener).toHaveBeenCalledWith('https://flk.npc.gov.cn/index.html');
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'denies the %s request',
    (permission) => {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    },
  );

  it('denies permission checks', () => {
    expect(denyPermissionCheck()).toBe(false);
  });
});

describe('the app permission handler', () => {
  const handler = createPermissionRequestHandler(APP);
  const ask = (permission: string, requestingUrl: string, contents: unknown = {}): boolean => {
    const callback = vi.fn();
    handler(contents, permission, callback, { requestingUrl });
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]![0] as boolean;
  };

  it('lets the app itself go full screen (the seed ceremony)', () => {
    expect(ask('fullscreen', `${APP}/index.html#/campaigns/c1`)).toBe(true);
    expect(ask('fullscreen', 'APP://PINGCHA/index.html')).toBe(true);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'pointerLock', 'midi'])(
    'still denies %s to the app',
    (permission) => {
      expect(ask(permission, `${APP}/index.html`)).toBe(false);
    },
  );

  it.each([
    'https://www.gov.cn/',
    'app://evil/index.html',
    'app://pingcha.evil/index.html',
    'http://127.0.0.1:5183/',
    'file:///index.html',
    'app://user:pw@pingcha/index.html',
    '',
    'not a url',
  ])('denies full screen to %j', (url) => {
    expect(ask('fullscreen', url)).toBe(false);
  });

  it('falls back to the asking page when Electron gives no requesting URL', () => {
    const callback = vi.fn();
    handler({ getURL: () => `${APP}/index.html` }, 'fullscreen', callback, {});
    expect(callback).toHaveBeenCalledWith(true);
    const other = vi.fn();
    handler({ getURL: () => 'https://www.gov.cn/' }, 'fullscreen', other);
    expect(other).toHaveBeenCalledWith(false);
    const broken = vi.fn();
    handler(
      {
        getURL: () => {
          throw new Error('destroyed');
        },
      },
      'fullscreen',
      broken,
    );
    expect(broken).toHaveBeenCalledWith(false);
    const none = vi.fn();
    handler(null, 'fullscreen', none);
    expect(none).toHaveBeenCalledWith(false);
  });

  it('the dev server origin is the app only when the shell runs on it', () => {
    const dev = createPermissionRequestHandler('http://127.0.0.1:5183');
    const callback = vi.fn();
    dev({}, 'fullscreen', callback, { requestingUrl: 'http://127.0.0.1:5183/#/campaigns' });
    expect(callback).toHaveBeenCalledWith(true);
  });

  it('permission checks follow the same rule', () => {
    const check = createPermissionCheckHandler(APP);
    expect(check(null, 'fullscreen', APP)).toBe(true);
    expect(check(null, 'fullscreen', 'https://www.gov.cn')).toBe(false);
    expect(check(null, 'media', APP)).toBe(false);
    expect(check(null, 'notifications', APP)).toBe(false);
  });
});

describe('network requests', () => {
  it('allows only the app scheme in production', () => {
    expect(isAllowedRequest('app://pingcha/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('https://www.gov.cn/')).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:5183/')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
  });

  it('allows the pinned dev server (and its websocket) in development only', () => {
    const dev = { devServerOrigin: 'http://127.0.0.1:5183' };
    expect(isAllowedRequest('http://127.0.0.1:5183/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://127.0.0.1:5183/', dev)).toBe(true);
    expect(isAllowedRequest('http://127.0.0.1:8080/', dev)).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/x.js', dev)).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('has every directive, with no remote origins', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // WebAssembly of the app's own files only (the OCR runtime); no JavaScript eval.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('font-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|'unsafe-eval'|\*/);
  });

  it('relaxes development only for the dev server', () => {
    const dev = developmentContentSecurityPolicy('http://127.0.0.1:5183');
    expect(dev).toContain("connect-src 'self' ws://127.0.0.1:5183");
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toContain("'unsafe-eval'");
  });

  it('replaces any Content-Security-Policy header from a response', () => {
    const headers = withSecurityHeaders(
      {
        'content-security-policy': ['default-src *'],
        'Content-Type': 'text/html',
        'x-content-type-options': 'x',
      },
      CONTENT_SECURITY_POLICY,
    );
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(withSecurityHeaders(undefined, 'x')).toEqual({
      'Content-Security-Policy': ['x'],
      'X-Content-Type-Options': ['nosniff'],
    });
  });
});
