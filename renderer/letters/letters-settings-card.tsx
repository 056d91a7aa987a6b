// 设置 → 整改函: issuer, number prefix (the next sequence is derived from the numbers on record and
// shown read-only), deadline, letter title, and the documents' fonts (document-fonts-section.tsx).
import { useEffect, useState } from 'react';
import { App, AutoComplete, Button, Card, Form, Input, InputNumber, Radio, Space, Typography } from 'antd';
import { formatDocNumber } from '@shared/documents/layout-model';
import { findSequenceGaps, nextSequence } from '@shared/letters/numbering';
import {
  LETTER_FORM_LABELS,
  LETTER_FORMS,
  LETTER_TITLES,
  SUPERVISION_NOTICE_TITLE,
  type DocType,
  type LetterSettings,
} from '@shared/letters/letter-settings';
import { letterStore, useFontFileNames, useLetterNumbers } from '../db/hooks/letters';
import { getPlatform } from '../platform';
import { useLetterSettings } from './use-letters';
import { DocNumberFields, type NextNumber } from './doc-number-fields';
import { DocumentFontsSection, type UserFontKey } from './document-fonts-section';

type FontRole = UserFontKey;

export function LettersSettingsCard() {
  const { message } = App.useApp();
  const [settings, save] = useLetterSettings();
  const numbers = useLetterNumbers();
  const [form] = Form.useForm<LetterSettings>();
  const [error, setError] = useState<string | null>(null);
  const year = new Date().getFullYear();
  const fontNames = useFontFileNames([settings?.bodyFontId, settings?.titleFontId]);
  const watchedPrefix = Form.useWatch('prefix', form);
  const watchedSupervisionPrefix = Form.useWatch('supervisionPrefix', form);
  const watchedReport = Form.useWatch('reportPrefix', form);
  const watchedNotice = Form.useWatch('noticePrefix', form);
  const watchedForm = Form.useWatch('letterForm', form);
  useEffect(() => {
    if (settings) form.setFieldsValue(settings);
  }, [settings, form]);
  if (!settings) return null;

  // One register: the sequence runs per 代字 and year (types that share a 代字 share its sequence).
  const prefixes: Record<DocType, string> = {
    letter:
      (watchedForm ?? settings.letterForm) === 'supervision'
        ? (watchedSupervisionPrefix ?? settings.supervisionPrefix)
        : (watchedPrefix ?? settings.prefix),
    report: watchedReport ?? settings.reportPrefix,
    notice: watchedNotice ?? settings.noticePrefix,
  };
  const nextOf = (type: DocType): NextNumber => {
    try {
      const p = prefixes[type];
      return { next: formatDocNumber(p, year, nextSequence(numbers ?? [], p.trim(), year)), error: null };
    } catch (e) {
      return { next: '—', error: e instanceof Error ? e.message : String(e) };
    }
  };
  const letterForm = watchedForm ?? settings.letterForm;
  const voided = (numbers ?? []).filter((n) => n.status === 'void');
  const gaps = findSequenceGaps(numbers ?? []);

  const onSave = async (v: LetterSettings) => {
    setError(null);
    try {
      for (const p of [v.prefix, v.reportPrefix, v.noticePrefix, v.supervisionPrefix])
        if (p !== undefined) formatDocNumber(p, year, 1);
      await save({ ...settings, ...v });
      void message.success('整改函设置已保存。');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const pickFont = async (role: FontRole) => {
    try {
      const files = await getPlatform().openFiles({
        multiple: false,
        filters: [{ name: 'TrueType 字体', extensions: ['ttf'] }],
      });
      const f = files[0];
      if (!f) return;
      const id = await letterStore.saveFontFile(f);
      await save({ ...settings, [role]: id });
      void message.success(`已设置字体“${f.name}”。`);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card title="整改函与通报" data-testid="letters-settings">
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 5 }}
        wrapperCol={{ span: 14 }}
        onFinish={(v) => void onSave(v)}
        initialValues={settings}
      >
        <Form.Item
          label="发文机关"
          name="issuer"
          rules={[{ required: true, message: '请填写发文机关，例如“德阳市司法局”' }]}
        >
          <Input placeholder="例如：德阳市司法局" maxLength={40} />
        </Form.Item>
        <DocNumberFields nextOf={nextOf} voided={voided} gaps={gaps} />
        <Form.Item
          label="整改函文种"
          name="letterForm"
          extra={
            letterForm === 'supervision'
              ? `按省行政执法监督通知书式样：通用格式（红头、版记），标题固定为“${SUPERVISION_NOTICE_TITLE}”。`
              : '以函的形式（信函格式）发出，无版记。'
          }
        >
          <Radio.Group data-testid="letter-form">
            {LETTER_FORMS.map((f) => (
              <Radio key={f} value={f}>
                {LETTER_FORM_LABELS[f]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {letterForm === 'supervision' && (
          <>
            <Form.Item
              label="监督通知书代字"
              name="supervisionPrefix"
              rules={[{ required: true, message: '请填写行政执法监督通知书的机关代字' }]}
              extra="行政执法监督通知书单独编号，形如“德司法监〔2026〕3号”，不与函共用代字。"
            >
              <Input placeholder="例如：德司法监" maxLength={20} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item
              label="监督通知书依据"
              name="supervisionBasis"
              rules={[{ required: true, message: '请填写监督通知书所依据的法规条款' }]}
              extra="通知书开头“根据……的规定”引用的法规，写明条款。"
            >
              <Input placeholder="例如：《四川省行政执法监督条例》第二十条" maxLength={120} />
            </Form.Item>
          </>
        )}
        {letterForm === 'letter' && (
          <Form.Item
            label="函的文种（标题）"
            name="title"
            rules={[{ required: true, message: '请填写文种' }]}
          >
            <AutoComplete options={LETTER_TITLES.map((t) => ({ value: t }))} style={{ width: 240 }} />
          </Form.Item>
        )}
        <Form.Item
          label="留痕校验码位置"
          name="logCodePlacement"
          extra="印发的整改函和通报上印留痕校验码，供日后核对操作留痕；它不是正文，默认以小五号字印在页脚边距内。"
        >
          <Radio.Group data-testid="log-code-placement">
            <Radio value="footer">页脚边距（小字）</Radio>
            <Radio value="note">附注</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label="证件年审结果通知依据"
          name="reviewNoticeBasis"
          extra="年审通知开头“根据……”引用的规定，写明条款；不填则为《行政执法监督条例》。年审通知的发文机关即上面的发文机关。"
        >
          <Input placeholder="例如：《四川省行政执法证件管理办法》第二十二条" maxLength={120} />
        </Form.Item>
        <Form.Item
          label="抄送机关"
          name="copyTo"
          extra="通用格式公文（通报、年审通知等）版记中的抄送机关，多个用顿号或逗号分隔。"
        >
          <Input placeholder="例如：市人民政府办公室" maxLength={120} />
        </Form.Item>
        <Form.Item label="印发机关" name="printer" extra="版记中的印发机关；不填则为发文机关。">
          <Input placeholder="例如：德阳市司法局办公室" maxLength={40} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="整改期限">
          <Space>
            <Form.Item name="deadlineDays" noStyle rules={[{ required: true, message: '请填写天数' }]}>
              <InputNumber min={1} max={365} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="deadlineMode" noStyle>
              <Radio.Group>
                <Radio value="calendar">自然日（日）</Radio>
                <Radio value="working">工作日</Radio>
              </Radio.Group>
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item label="异议期限（工作日）" name="objectionDays">
          <InputNumber min={1} max={60} precision={0} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item
          label="联系人及电话"
          name="contact"
          extra="作为附注印在成文日期下一行，例如“（联系人：张三，电话：0838-1234567）”。"
        >
          <Input placeholder="例如：联系人：张三，电话：0838-1234567" maxLength={80} />
        </Form.Item>
        {error && (
          <Form.Item wrapperCol={{ offset: 5 }}>
            <Typography.Text type="danger">{error}</Typography.Text>
          </Form.Item>
        )}
        <Form.Item wrapperCol={{ offset: 5 }}>
          <Button type="primary" htmlType="submit" data-testid="save-letter-settings">
            保存
          </Button>
        </Form.Item>
      </Form>
      <DocumentFontsSection
        userFonts={{
          bodyFontId: settings.bodyFontId ? (fontNames?.get(settings.bodyFontId) ?? '（已设置）') : null,
          titleFontId: settings.titleFontId ? (fontNames?.get(settings.titleFontId) ?? '（已设置）') : null,
        }}
        onPick={(key) => void pickFont(key)}
        onReset={(key) => void save({ ...settings, [key]: null })}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        桌面版优先使用本机已安装的仿宋_GB2312、黑体、楷体_GB2312、方正小标宋简体（只用 TrueType 轮廓的
        .ttf）， 没有时嵌入内置开源字体。自选字体只接受 .ttf：.otf（CFF
        轮廓）嵌入后在未装该字体的电脑上显示空白，.ttc 字体集合无法嵌入。DOCX
        始终写入公文字体名，由打开它的电脑按仿宋_GB2312 → 仿宋 → FangSong 等依次取用。
      </Typography.Paragraph>
    </Card>
  );
}
