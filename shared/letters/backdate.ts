// A letter's issue date (成文日期) is normally the day it is issued. A date before the draw that
// chose the files, or before the date of a letter that already holds an earlier number of the same
// register, is almost always a slip (a wrong year, a stale date picker): the issue dialog warns.
import { formatChineseDate, formatDate } from '../util/time-format';

export interface IssuedInRegister {
  docNumber: string;
  /** 'YYYY-MM-DD' */
  issueDate: string;
}

export interface BackdateInput {
  /** The chosen issue date, 'YYYY-MM-DD'. */
  issueDate: string;
  /** When the campaign's files were drawn (UTC ISO), null when it has no draw. */
  drawnAt: string | null;
  /** Letters already issued with numbers of the register (prefix and year) the new letter takes. */
  issued: readonly IssuedInRegister[];
}

/** Chinese warnings, none when the date is plausible. The draw day is the local calendar day. */
export function backdatedIssueWarnings(input: BackdateInput): string[] {
  const out: string[] = [];
  const day = input.issueDate;
  if (input.drawnAt) {
    const drawDay = formatDate(input.drawnAt);
    if (day < drawDay)
      out.push(
        `印发日期 ${formatChineseDate(day)} 早于本活动抽取案卷的日期 ${formatChineseDate(drawDay)}：整改函不会早于抽取评查案卷，请核对日期。`,
      );
  }
  let latest: IssuedInRegister | null = null;
  for (const l of input.issued)
    if (l.issueDate > day && (!latest || l.issueDate > latest.issueDate)) latest = l;
  if (latest)
    out.push(
      `印发日期 ${formatChineseDate(day)} 早于已印发的 ${latest.docNumber} 的日期 ${formatChineseDate(latest.issueDate)}：本函将取得更靠后的文号，日期却更早，请核对日期。`,
    );
  return out;
}
