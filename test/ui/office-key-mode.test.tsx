// 设置 → 本单位签名密钥 says where the key lives (issue 23): on the web build that the browser
// profile holds it (the weaker mode); on the desktop that the main process holds it under the OS's
// protection, export, import and rotation done by the main process.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { OfficeKeyCard } from '../../renderer/settings/office-key-card';
import { getDatabase } from '../../renderer/db/database';
import { ensureOfficeKey, holdOfficeKeyInMainProcess } from '../../renderer/db/office-key-repository';
import { generateSigningKeyPair, keyFingerprint } from '../../shared/crypto/signing';
import type { DesktopOfficeKey } from '../../renderer/platform/types';
import { renderWithApp } from './render-app';

afterEach(() => holdOfficeKeyInMainProcess(null));

describe('the office key card', () => {
  it('on the web build names the weaker mode (key in the browser profile)', async () => {
    const db = getDatabase();
    await ensureOfficeKey(db, '王五');
    renderWithApp(<OfficeKeyCard />);
    expect(screen.getByTestId('office-key-weaker-mode')).toHaveTextContent(
      '浏览器版：私钥保存在浏览器的用户数据中（较弱的保护方式）',
    );
    expect(screen.queryByTestId('office-key-desktop-mode')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('office-key-export')).toBeEnabled());
  });

  it('on the desktop says the main process holds the key under the OS protection, and offers export and import through it', async () => {
    const key = generateSigningKeyPair();
    const port: DesktopOfficeKey = {
      status: async () => ({ publicKey: key.publicKey, protectedBy: 'safeStorage' }),
      ensure: async () => ({ publicKey: key.publicKey, created: false }),
      signLogHead: async () => {
        throw new Error('not in this test');
      },
      readLogHead: async () => null,
      signPanelPackage: async () => {
        throw new Error('not in this test');
      },
      exportKeyFile: async () => {
        throw new Error('not in this test');
      },
      prepareKey: async () => {
        throw new Error('not in this test');
      },
      activateKey: async () => {
        throw new Error('not in this test');
      },
      adoptKey: async () => {
        throw new Error('not in this test');
      },
    };
    holdOfficeKeyInMainProcess(port);
    renderWithApp(<OfficeKeyCard />);
    expect(screen.getByTestId('office-key-desktop-mode')).toHaveTextContent('私钥由评查台主进程保存');
    expect(screen.queryByTestId('office-key-weaker-mode')).toBeNull();
    await waitFor(() =>
      expect(screen.getByTestId('office-key-fingerprint')).toHaveTextContent(keyFingerprint(key.publicKey)),
    );
    expect(screen.getByTestId('office-key-desktop-mode')).toHaveTextContent('由主进程用口令加密成密钥文件');
    expect(screen.getByTestId('office-key-export')).toBeEnabled();
    expect(screen.getByTestId('office-key-import')).toBeEnabled();
  });
});
