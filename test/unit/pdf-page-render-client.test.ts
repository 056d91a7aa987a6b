// The page-drawing worker's client (issue 27): one page drawn at a time, the shown page before pages
// drawn ahead before thumbnails, stale work dropped, and drawn pages served from the cache.
import { describe, expect, it } from 'vitest';
import { PdfPages, type PageRenderRemote } from '../../renderer/workers/pdf-page-render-client';
import type { PageBitmap, RenderPageRequest } from '../../renderer/workers/pdf-page-render-service';

function fakeRemote() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const remote: PageRenderRemote = {
    open: async () => 3,
    close: async () => undefined,
    renderPage: (r: RenderPageRequest) =>
      new Promise<PageBitmap>((resolve) => {
        calls.push(`${r.page}${r.width ? 't' : ''}`);
        pending.push(() =>
          resolve({
            bitmap: { width: 10, height: 14, close() {} } as ImageBitmap,
            pageWidth: 595,
            pageHeight: 842,
          }),
        );
      }),
  };
  /** Finishes the call in flight and lets the next one start. */
  const finish = async () => {
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { remote, calls, finish };
}

const shown = (page: number) => ({ key: 'f', page, scale: 2, rotation: 0 as const });
const thumb = (page: number) => ({ key: 'f', page, width: 96, rotation: 0 as const });

describe('PdfPages', () => {
  it('draws one page at a time: the shown page before pages ahead before thumbnails', async () => {
    const { remote, calls, finish } = fakeRemote();
    const pages = new PdfPages(remote);
    void pages.page(thumb(0), 'thumbnail');
    void pages.page(thumb(1), 'thumbnail');
    void pages.page(shown(2), 'ahead');
    void pages.page(shown(1), 'shown');
    expect(calls).toEqual(['0t']);
    await finish();
    await finish();
    await finish();
    await finish();
    expect(calls).toEqual(['0t', '1', '2', '1t']);
  });

  it('serves a drawn page from the cache; a page drawn ahead is there when it is shown', async () => {
    const { remote, calls, finish } = fakeRemote();
    const pages = new PdfPages(remote);
    const first = pages.page(shown(0), 'shown');
    await finish();
    const ahead = pages.page(shown(1), 'ahead');
    await finish();
    await ahead;
    const again = await pages.page(shown(1), 'shown');
    expect(again).toBe(await ahead);
    expect(await pages.page(shown(0), 'shown')).toBe(await first);
    expect(calls).toEqual(['0', '1']);
  });

  it('a queued page asked again at a higher priority moves up; dropped work is not drawn', async () => {
    const { remote, calls, finish } = fakeRemote();
    const pages = new PdfPages(remote);
    void pages.page(shown(0), 'shown');
    void pages.page(thumb(2), 'thumbnail');
    void pages.page(shown(5), 'ahead').catch(() => undefined);
    const raised = pages.page(thumb(2), 'shown');
    const stale = pages.page(shown(6), 'ahead');
    pages.dropQueued('f', 'ahead');
    await expect(stale).rejects.toThrow('不再需要');
    await finish();
    await finish();
    await raised;
    expect(calls).toEqual(['0', '2t']);
  });
});
