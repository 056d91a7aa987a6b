import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface AfterPackModule {
  fuseConfig(fuses: unknown, platformName: string): Record<string | number, unknown>;
  electronBinaryPath(context: {
    electronPlatformName: string;
    appOutDir: string;
    packager: { executableName: string; appInfo: { productFilename: string } };
  }): string;
}

const afterPack = require(path.join(root, 'build/scripts/after-pack.cjs')) as AfterPackModule;
const fuses = require('@electron/fuses') as {
  FuseVersion: Record<string, string>;
  FuseV1Options: Record<string, number>;
};

describe('after-pack fuses', () => {
  const config = afterPack.fuseConfig(fuses, 'win32');
  const option = (name: string) => config[fuses.FuseV1Options[name] as number];

  it('turns off the ways to run the binary as something else', () => {
    expect(option('RunAsNode')).toBe(false);
    expect(option('EnableNodeOptionsEnvironmentVariable')).toBe(false);
    expect(option('EnableNodeCliInspectArguments')).toBe(false);
  });

  it('turns on asar integrity, asar-only loading and cookie encryption', () => {
    expect(option('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
    expect(option('OnlyLoadAppFromAsar')).toBe(true);
    expect(option('EnableCookieEncryption')).toBe(true);
    expect(config['version']).toBe(fuses.FuseVersion['V1']);
  });

  it('finds the executable the way electron-builder names it', () => {
    const packager = { executableName: 'pingcha', appInfo: { productFilename: '评查台' } };
    expect(afterPack.electronBinaryPath({ electronPlatformName: 'linux', appOutDir: '/out', packager })).toBe(
      path.join('/out', 'pingcha'),
    );
    expect(afterPack.electronBinaryPath({ electronPlatformName: 'win32', appOutDir: '/out', packager })).toBe(
      path.join('/out', '评查台.exe'),
    );
    expect(() =>
      afterPack.electronBinaryPath({ electronPlatformName: 'sunos', appOutDir: '/out', packager }),
    ).toThrow();
  });
});

describe('electron-builder.yml', () => {
  const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

  it('packs only the bundles, inside asar, with the fuse hook', () => {
    expect(yml).toMatch(/^asar: true$/m);
    expect(yml).toMatch(/^afterPack: build\/scripts\/after-pack\.cjs$/m);
    expect(existsSync(path.join(root, 'build/scripts/after-pack.cjs'))).toBe(true);
    expect(yml).toMatch(/- dist\/renderer\/\*\*/);
    expect(yml).toMatch(/- dist-electron\/\*\*/);
    expect(yml).toMatch(/^productName: 评查台$/m);
  });

  it('targets Windows NSIS x64 (Chinese, choosable folder) and Linux AppImage + deb', () => {
    expect(yml).toMatch(/target: nsis\s+arch:\s+- x64/);
    expect(yml).toMatch(/oneClick: false/);
    expect(yml).toMatch(/allowToChangeInstallationDirectory: true/);
    expect(yml).toMatch(/installerLanguages:\s+- zh_CN/);
    expect(yml).toMatch(/target: AppImage\s+arch:\s+- x64\s+- arm64/);
    expect(yml).toMatch(/target: deb\s+arch:\s+- x64\s+- arm64/);
    expect(yml).toMatch(/category: Office/);
  });

  it('points at icons that exist', () => {
    expect(existsSync(path.join(root, 'build/icons/icon.png'))).toBe(true);
    expect(existsSync(path.join(root, 'build/icons/512x512.png'))).toBe(true);
  });
});
