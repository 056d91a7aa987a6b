// 打开评查包 on a reviewer's laptop: one action for the welcome screen (a fresh install's first screen)
// and the packages page.
import { App } from 'antd';
import { PACKAGE_EXTENSION } from '@shared/packages/panel-package';
import { errorText } from '@shared/util/error-text';
import { getDatabase } from '../db/database';
import { openWorkspacePackage, type PackageWorkspace } from '../db/package-repository';
import type { OfficePublicKey } from '@shared/crypto/office-public-key-file';
import { getPlatform } from '../platform';
import { currentOperator } from '../backup/table-labels';

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
    const db = getDatabase();
    try {
      const ws = await openWorkspacePackage(db, file.bytes, file.name, {
        actor: await currentOperator(db),
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
