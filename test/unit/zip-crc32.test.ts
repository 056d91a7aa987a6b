// The CRC-32 the ZIP reader checks every inflated part against: equal to zlib's for every alignment and
// length (the word-at-a-time path reads the aligned middle of the input as 32-bit words).
import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, crc32Update } from '../../shared/xlsx/zip-entries';

describe('crc32', () => {
  const data = new Uint8Array(70_000);
  for (let i = 0; i < data.length; i++) data[i] = (Math.imul(i, 2654435761) >>> 24) & 0xff;

  it('matches zlib at every byte offset and across the word/byte boundaries', () => {
    for (const offset of [0, 1, 2, 3, 5]) {
      for (const length of [0, 1, 7, 8, 63, 64, 65, 66, 67, 1000, 4097, 65_536]) {
        const s = data.subarray(offset, offset + length);
        expect(crc32(s), `offset ${offset} length ${length}`).toBe(zlibCrc32(s) >>> 0);
      }
    }
  });

  it('a running CRC over pieces equals the CRC of the whole', () => {
    let crc = 0xffffffff;
    for (const [a, b] of [
      [0, 3],
      [3, 100],
      [100, 4099],
      [4099, 70_000],
    ] as const)
      crc = crc32Update(crc, data.subarray(a, b));
    expect((crc ^ 0xffffffff) >>> 0).toBe(zlibCrc32(data) >>> 0);
  });
});
