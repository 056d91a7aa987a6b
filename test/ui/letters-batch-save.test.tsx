// "生成全部": the desktop writes every DOCX and PDF into a folder (platform.saveFilesToFolder); the
// browser, whose platform has no folder access, saves one ZIP.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { unzipSync } from 'fflate';
import { LettersPage } from '../../renderer/letters/letters-page';
import { getDatabase } from '../../renderer/db/database';
import { DocumentRendererContext } from '../../renderer/workers/document-renderer-context';
import { setPlatform, type Platform } from '../../renderer/platform';
import { AppProviders } from '../../renderer/app/app-providers';
import { createInProcessImporter } from '../../renderer/workers/ledger-import-client';
import { sampleReviewedFiles } from '../../shared/letters/sample-results';
import { buildCampaignResults } from '../../shared/review/results';
import '../../renderer/db/workflow-records';
import { parseIpcRequest } from '../../shared/ipc/contract';
import { testDocumentRenderer } from './document-fonts';
import { fakePlatform } from './render-app';
import { seedLettersCampaign } from './letters-seed';
import { safeFileName } from '../../renderer/letters/use-letters';
import { fileNameProblem } from '../../shared/ipc/contract';

const files = sampleReviewedFiles({ departments: 3, filesPerDepartment: 2, seed: 7, cleanShare: 0 });
const departments = buildCampaignResults(files).departments.map((d) => d.department);

const seed = () => seedLettersCampaign({ id: 'c-batch', name: '批量测试评查' }, files);

const text = (bytes: Uint8Array, n: number) => String.fromCharCode(...bytes.slice(0, n));

function renderPage(saveFilesToFolder?: Platform['saveFilesToFolder']) {
  const platform: ReturnType<typeof fakePlatform> & Pick<Platform, 'saveFilesToFolder'> = fakePlatform([]);
  if (saveFilesToFolder) platform.saveFilesToFolder = saveFilesToFolder;
  setPlatform(platform);
  const renderer = testDocumentRenderer();
  render(
    <AppProviders makeImporter={() => createInProcessImporter(getDatabase())}>
      <DocumentRendererContext.Provider value={() => renderer}>
        <LettersPage />
      </DocumentRendererContext.Provider>
    </AppProviders>,
  );
  return { platform };
}

describe('letters batch save', () => {
  it('desktop: saves a DOCX and a PDF per department into a folder, no ZIP', async () => {
    await seed();
    const user = userEvent.setup();
    const saveFilesToFolder = vi.fn<NonNullable<Platform['saveFilesToFolder']>>(async (r) => ({
      saved: true,
      folder: `/home/u/文档/${r.suggestedFolderName}`,
      written: r.files.map((f) => f.name),
    }));
    const { platform } = renderPage(saveFilesToFolder);

    const button = await screen.findByTestId('generate-all');
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveTextContent('保存到文件夹');
    await user.click(button);
    await waitFor(() => expect(saveFilesToFolder).toHaveBeenCalledTimes(1), { timeout: 60_000 });

    const request = saveFilesToFolder.mock.calls[0]![0];
    expect(request.suggestedFolderName).toMatch(/^批量测试评查-.+（3份）$/);
    // The names the main process will accept (plain names, checked again there).
    expect(parseIpcRequest('saveFilesToFolder', request).ok).toBe(true);
    const names = request.files.map((f) => f.name);
    expect(names).toHaveLength(departments.length * 2);
    for (const dept of departments) {
      const docx = request.files.find((f) => f.name.includes(dept) && f.name.endsWith('.docx'));
      const pdf = request.files.find((f) => f.name.includes(dept) && f.name.endsWith('.pdf'));
      expect(text(docx!.bytes, 2)).toBe('PK');
      expect(text(pdf!.bytes, 5)).toBe('%PDF-');
    }
    expect(names.some((n) => n.endsWith('.zip'))).toBe(false);
    expect(platform.saved).toEqual([]);
    expect(await screen.findByText(/已保存 6 个文件到「\/home\/u\/文档\/批量测试评查-/)).toBeInTheDocument();
  }, 90_000);

  it('browser (no saveFilesToFolder): saves one ZIP holding the same files', async () => {
    await seed();
    const user = userEvent.setup();
    const { platform } = renderPage();
    expect(platform.saveFilesToFolder).toBeUndefined();
    const button = await screen.findByTestId('generate-all');
    await waitFor(() => expect(button).toBeEnabled());
    expect(button).toHaveTextContent('打包为 ZIP');
    await user.click(button);
    await waitFor(() => expect(platform.saved).toHaveLength(1), { timeout: 60_000 });

    const zip = platform.saved[0]!;
    expect(zip.name).toMatch(/^批量测试评查-.+（3份）\.zip$/);
    const entries = Object.keys(unzipSync(zip.bytes));
    expect(entries).toHaveLength(departments.length * 2);
    for (const dept of departments) {
      expect(entries.filter((n) => n.includes(dept)).sort()).toEqual([
        expect.stringMatching(/\.docx$/),
        expect.stringMatching(/\.pdf$/),
      ]);
    }
  }, 90_000);
});

describe('safeFileName', () => {
  it.each(['../../上级', '.隐藏', '名称. ', 'CON', 'a\u0001b', '德法函〔2026〕1号', '', 'x'.repeat(300)])(
    'turns %j into a name the desktop accepts',
    (raw) => {
      const name = safeFileName(raw);
      expect(fileNameProblem(name)).toBeNull();
      expect(fileNameProblem(`01-${name}.pdf`)).toBeNull();
    },
  );
  it('keeps ordinary Chinese names as they are', () => {
    expect(safeFileName('德法函〔2026〕1号')).toBe('德法函〔2026〕1号');
    expect(safeFileName('市 场/监管')).toBe('市_场_监管');
  });
});
