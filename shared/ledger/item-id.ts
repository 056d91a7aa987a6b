import { canonicalText } from './normalize';

/**
 * The canonical id of a case file, hashed by the public draw (see the sampler handbook).
 *
 * Rule (published with every draw record; it must never change, or old draws stop verifying):
 *   itemId = canon(department) + "|" + canon(caseNo)
 *   canon(x) = Unicode NFKC of x (full-width digits/letters/punctuation -> half-width, U+3000 -> space),
 *              zero-width characters (U+200B-U+200D, U+2060, U+FEFF) removed,
 *              every run of whitespace replaced by one space (U+0020), leading/trailing spaces removed.
 * Example: caseItemId(' 德阳市市场监督管理局 ', '德市监罚〔２０２４〕１２号') = '德阳市市场监督管理局|德市监罚〔2024〕12号'.
 */
export function caseItemId(department: string, caseNo: string): string {
  return canonicalText(department) + '|' + canonicalText(caseNo);
}
