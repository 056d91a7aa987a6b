/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook that electron-builder require()s */
// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing.
// Fuses are compiled-in switches a user or malware cannot turn back on with flags or environment
// variables: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no --inspect, app code only from the
// (integrity-checked) app.asar, cookies encrypted at rest.
const path = require('node:path');

/** Path of the Electron executable inside the unpacked app, the way electron-builder names it. */
function electronBinaryPath(context) {
  const ext = { darwin: '.app', mas: '.app', win32: '.exe', linux: '' }[context.electronPlatformName];
  if (ext === undefined) throw new Error(`Unsupported platform for fuses: ${context.electronPlatformName}`);
  const name =
    context.electronPlatformName === 'linux'
      ? context.packager.executableName
      : context.packager.appInfo.productFilename;
  return path.join(context.appOutDir, `${name}${ext}`);
}

/** The fuse settings, given @electron/fuses' enums (exported for tests). */
function fuseConfig({ FuseVersion, FuseV1Options }, platformName) {
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platformName === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // electron-builder embeds the asar hash in the Windows executable (and Info.plist on macOS);
    // on Linux Electron does not validate it yet, the fuse is then inert.
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

async function afterPack(context) {
  const fuses = require('@electron/fuses');
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, fuseConfig(fuses, context.electronPlatformName));
  console.log(
    `  • fuses flipped: ${path.basename(binary)} (RunAsNode, NODE_OPTIONS, inspect off; asar integrity, asar-only, cookie encryption on)`,
  );
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
