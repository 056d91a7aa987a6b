import { describe, expect, it } from 'vitest';
import { StoreError } from '../../renderer/db/store-error';
import { OfficerStoreError } from '../../renderer/db/officers-repository';
import { LetterError } from '../../renderer/db/letters-repository';
import { CampaignWriteError } from '../../renderer/db/campaign-repository';
import { RestoreError } from '../../renderer/db/backup-repository';
import { CaseFileError } from '../../renderer/db/case-file-repository';
import { ImportWriteError } from '../../renderer/db/ledger-repository';
import { ReviewError } from '../../renderer/db/standards-repository';
import { FlagDecisionError } from '../../renderer/db/flag-decision-repository';

describe('the repositories’ errors share one base', () => {
  const classes = {
    OfficerStoreError,
    LetterError,
    CampaignWriteError,
    RestoreError,
    CaseFileError,
    ImportWriteError,
    ReviewError,
    FlagDecisionError,
  };

  it.each(Object.entries(classes))('%s keeps its name, message and cause', (name, ErrorClass) => {
    const cause = new Error('磁盘已满');
    const e = new ErrorClass('写入失败，数据库未作任何更改。', { cause });
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.message).toBe('写入失败，数据库未作任何更改。');
    expect(e.cause).toBe(cause);
    expect(String(e)).toBe(`${name}: 写入失败，数据库未作任何更改。`);
  });
});
