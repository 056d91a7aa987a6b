// 设置 → 整改函与通报 → 公文字体: which font each face of the documents uses — the user's own .ttf (正文, 标题),
// else the office's installed 公文 font (desktop), else the open font built into 评查台.
import { useEffect, useState } from 'react';
import { Button, Descriptions, Space, Tag, Typography } from 'antd';
import { DOCUMENT_FACES, type DocumentFace } from '@shared/documents/font-file';
import type { InstalledFonts } from '../platform/types';
import { loadInstalledFonts } from '../workers/document-renderer-context';

export type UserFontKey = 'bodyFontId' | 'titleFontId';

/** The face a user's own font file replaces (the other faces take installed or built-in fonts only). */
const USER_FONT: Partial<Record<DocumentFace, UserFontKey>> = {
  fangsong: 'bodyFontId',
  xiaobiaosong: 'titleFontId',
};

export function useInstalledFonts(): InstalledFonts | null {
  const [fonts, setFonts] = useState<InstalledFonts | null>(null);
  useEffect(() => {
    let live = true;
    void loadInstalledFonts().then((f) => live && setFonts(f));
    return () => {
      live = false;
    };
  }, []);
  return fonts;
}

export function DocumentFontsSection(props: {
  /** Display names of the user's font files by setting, when set. */
  userFonts: Partial<Record<UserFontKey, string | null>>;
  onPick(key: UserFontKey): void;
  onReset(key: UserFontKey): void;
}) {
  const installed = useInstalledFonts();
  return (
    <Descriptions column={1} size="small" bordered title="公文字体" data-testid="document-fonts">
      {DOCUMENT_FACES.map((spec) => {
        const key = USER_FONT[spec.face];
        const own = key ? props.userFonts[key] : null;
        const found = installed?.fonts.find((f) => f.face === spec.face);
        const skipped = installed?.skipped.filter((s) => s.face === spec.face) ?? [];
        return (
          <Descriptions.Item key={spec.face} label={spec.label}>
            <Space wrap>
              <span data-testid={`font-face-${spec.face}`}>
                {own ? (
                  <>
                    <Tag color="blue">自选字体</Tag>
                    {own}
                  </>
                ) : found ? (
                  <>
                    <Tag color="green">本机已安装</Tag>
                    {found.name}
                  </>
                ) : installed === null ? (
                  '正在查找本机字体…'
                ) : (
                  <>
                    <Tag>内置开源字体</Tag>
                    {spec.bundled}
                  </>
                )}
              </span>
              {key && (
                <Button size="small" onClick={() => props.onPick(key)}>
                  选择 .ttf 字体文件…
                </Button>
              )}
              {key && own && (
                <Button size="small" onClick={() => props.onReset(key)}>
                  恢复默认字体
                </Button>
              )}
            </Space>
            {!own && !found && skipped.length > 0 && (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                本机的{skipped.map((s) => s.reason).join('；')}，未使用。
              </Typography.Text>
            )}
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}
