export interface StorageStatus {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

/** Asks the browser to keep our data under storage pressure (IndexedDB is otherwise "best effort"). */
export async function requestPersistentStorage(nav: Navigator = navigator): Promise<boolean | null> {
  if (!nav.storage?.persist) return null;
  try {
    if (await nav.storage.persisted()) return true;
    return await nav.storage.persist();
  } catch {
    return null;
  }
}

export async function readStorageStatus(nav: Navigator = navigator): Promise<StorageStatus> {
  const persisted = nav.storage?.persisted ? await nav.storage.persisted().catch(() => null) : null;
  const est = nav.storage?.estimate ? await nav.storage.estimate().catch(() => null) : null;
  return { persisted, usage: est?.usage ?? null, quota: est?.quota ?? null };
}
