import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../database';
import {
  listDirectory,
  mergeDepartments,
  renameDepartment,
  saveDepartment,
  type DepartmentRecord,
} from '../directory-repository';
import { onStore } from './on-store';

/** 机构名录: its writes bound to the app's store. */
export const directoryStore = onStore({ mergeDepartments, renameDepartment, saveDepartment });

/** Every department of the directory. */
export function useDirectory(): DepartmentRecord[] | undefined {
  return useLiveQuery(() => listDirectory(getDatabase()), []);
}
