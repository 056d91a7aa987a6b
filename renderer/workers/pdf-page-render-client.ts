// The UI side of the page-drawing worker (issue 27): one call in flight at a time, the most wanted first
// (the page being looked at, then its neighbours, then thumbnails), and a small cache of drawn pages at
// their shown size (the downscaled page cache): paging back and forth, or to a page drawn ahead, blits
// a bitmap instead of waiting for pdf.js.
import type { PageBitmap, PdfPageRenderService, RenderPageRequest } from './pdf-page-render-service';
import { connect, type Remote } from './rpc';

/** What is asked first: the shown page, then pages drawn ahead, then thumbnails. */
export type RenderPriority = 'shown' | 'ahead' | 'thumbnail';
const RANK: Record<RenderPriority, number> = { shown: 0, ahead: 1, thumbnail: 2 };

export type PageRenderRemote = Pick<Remote<PdfPageRenderService>, 'open' | 'renderPage' | 'close'>;

interface Job {
  id: string;
  request: RenderPageRequest;
  rank: number;
  seq: number;
  waiting: { resolve: (p: PageBitmap) => void; reject: (e: unknown) => void }[];
}

/** Drawn pages kept (each at most a screen's size: ~2–8 MB of pixels). */
const PAGE_CACHE = 12;

export function pageJobId(r: RenderPageRequest): string {
  return `${r.key}:${r.page}:${r.scale ?? ''}:${r.width ?? ''}:${r.rotation}`;
}

export class PdfPages {
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private seq = 0;
  /** Drawn pages by job id, least recently used first (thumbnails are kept apart, all of them). */
  private readonly pages = new Map<string, PageBitmap>();
  private readonly thumbnails = new Map<string, PageBitmap>();

  constructor(private readonly remote: PageRenderRemote) {}

  open(key: string, bytes: Uint8Array): Promise<number> {
    return this.remote.open(key, bytes);
  }

  /** A drawn page, from the cache or queued at `priority` (a queued one is raised, never lowered). */
  page(request: RenderPageRequest, priority: RenderPriority): Promise<PageBitmap> {
    const id = pageJobId(request);
    const store = priority === 'thumbnail' ? this.thumbnails : this.pages;
    const hit = store.get(id);
    if (hit) {
      store.delete(id);
      store.set(id, hit);
      return Promise.resolve(hit);
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      if (this.running?.id === id) {
        this.running.waiting.push(waiter);
        return;
      }
      const queued = this.queue.find((j) => j.id === id);
      if (queued) {
        queued.rank = Math.min(queued.rank, RANK[priority]);
        queued.waiting.push(waiter);
      } else this.queue.push({ id, request, rank: RANK[priority], seq: this.seq++, waiting: [waiter] });
      this.pump();
    });
  }

  /** Drops the queued, not yet started work of `key` asked at `which` priority (pages drawn ahead, thumbnails). */
  dropQueued(key: string, which: RenderPriority): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const j = this.queue[i]!;
      if (j.request.key === key && j.rank === RANK[which]) {
        this.queue.splice(i, 1);
        for (const w of j.waiting) w.reject(new DOMException('不再需要', 'AbortError'));
      }
    }
  }

  /** Closes a document: its queued work is dropped and its drawn pages forgotten. */
  close(key: string): Promise<void> {
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i]!.request.key === key) {
        for (const w of this.queue[i]!.waiting) w.reject(new DOMException('已关闭', 'AbortError'));
        this.queue.splice(i, 1);
      }
    for (const store of [this.pages, this.thumbnails])
      for (const [id, p] of store)
        if (id.startsWith(`${key}:`)) {
          p.bitmap.close();
          store.delete(id);
        }
    return this.remote.close(key);
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq)) best = i;
    }
    const job = this.queue.splice(best, 1)[0]!;
    this.running = job;
    this.remote.renderPage(job.request).then(
      (p) => {
        const store = job.rank === RANK.thumbnail ? this.thumbnails : this.pages;
        store.set(job.id, p);
        if (store === this.pages && this.pages.size > PAGE_CACHE) {
          const [oldest, old] = this.pages.entries().next().value as [string, PageBitmap];
          this.pages.delete(oldest);
          // A bitmap still on screen was drawn onto its canvas already: closing it frees only the copy.
          old.bitmap.close();
        }
        for (const w of job.waiting) w.resolve(p);
        this.next();
      },
      (e: unknown) => {
        for (const w of job.waiting) w.reject(e);
        this.next();
      },
    );
  }

  private next(): void {
    this.running = null;
    this.pump();
  }
}

let shared: PdfPages | null = null;

/** The app's page drawer: one worker for every viewer (started on first use). */
export function pdfPages(): PdfPages {
  shared ??= new PdfPages(
    connect<PdfPageRenderService>(
      () =>
        new Worker(new URL('./pdf-page-render.worker.ts', import.meta.url), {
          type: 'module',
          name: 'pdf-page-render',
        }),
      {
        crashed: (detail) => `电子案卷显示程序出错：${detail || '未知错误'}`,
        transfer: { open: (_key, bytes) => [bytes.buffer as ArrayBuffer] },
      },
    ),
  );
  return shared;
}
