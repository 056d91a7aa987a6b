// 打开评查包 on a reviewer's laptop: one action for the welcome screen (a fresh install's first screen)
// and the packages page.
import { App } from 'antd';
import { PACKAGE_EXTENSION } from '@shared/packages/panel-package';
import { errorText } from '@shared/util/error-text';
import type { PackageWorkspace } from '../db/package-repository';
import { packageStore } from '../db/hooks/packages';
import { settingsStore } from '../db/hooks/settings';
import type { OfficePublicKey } from '@shared/crypto/office-public-key-file';
import { getPlatform } from '../platform';

export const PACKAGE_FILTERS = [{ name: '评查包', extensions: [PACKAGE_EXTENSION] }];

/**
 * Asks for a package file and opens it as this machine's workspace; errors go to onError (Chinese).
 * With `trustedOffice` (the office's public key file the laptop was given) a package signed by another
 * key is refused.
 */
export function useOpenPackage(
  onError: (text: string | null) => void,
  onOpened?: (ws: PackageWorkspace) => void,
  trustedOffice?: OfficePublicKey | null,
): () => Promise<void> {
  const { message } = App.useApp();
  return async () => {
    onError(null);
    // A package with case files over 2 GB comes in parts: all parts are chosen together.
    const [file, ...moreParts] = await getPlatform().openFiles({ multiple: true, filters: PACKAGE_FILTERS });
    if (!file) return;
    try {
      const ws = await packageStore.openWorkspacePackage(file.bytes, file.name, {
        actor: await settingsStore.currentOperator(),
        moreParts,
        ...(trustedOffice ? { trustedOffice } : {}),
      });
      message.success(
        `已打开评查包：${ws.campaignName}，评查人员 ${ws.reviewerName}，案卷 ${ws.itemIds.length} 件`,
      );
      onOpened?.(ws);
    } catch (e) {
      onError(errorText(e));
    }
  };
}
