import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';

/** True when the store holds nothing a user made (no ledger, campaign or officer); undefined while reading. */
export function useStoreEmpty(): boolean | undefined {
  return useLiveQuery(async () => {
    const db = getDatabase();
    const [imports, campaigns, officers] = await Promise.all([
      db.imports.where('status').equals('committed').count(),
      db.campaigns.count(),
      db.officers.count(),
    ]);
    return imports === 0 && campaigns === 0 && officers === 0;
  }, []);
}
