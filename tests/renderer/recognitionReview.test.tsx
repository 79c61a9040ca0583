import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { ProposedField } from '../../shared/ocr/fields';
import type { ScanRecognition } from '../../shared/ocr/recognition';
import { CompanyFormModal } from '../../renderer/features/companies/CompanyFormModal';
import { platform } from '../../renderer/platform/platform';
import { appDb } from '../../renderer/storage/connections';
import { clearDatabase, renderWithApp } from './renderWithApp';

/*
 * The component tier shares one module registry between its files (isolate: false in
 * vitest.config.ts), so a file loaded earlier may already have imported the form with the real
 * recognition client. Emptying the registry before this file's imports makes them load again
 * under the mock; emptying it again after the file, with the mock withdrawn, hands later files
 * the real client.
 */
const { recognizeScans } = vi.hoisted(() => {
  vi.resetModules();
  return { recognizeScans: vi.fn() };
});
vi.mock('../../renderer/features/recognition/recognitionClient', () => ({ recognizeScans }));

afterAll(() => {
  vi.doUnmock('../../renderer/features/recognition/recognitionClient');
  vi.resetModules();
});

afterEach(async () => {
  vi.restoreAllMocks();
  recognizeScans.mockReset();
  await clearDatabase();
});

const box = { x: 40, y: 60, width: 400, height: 30 };
const field = (name: string, value: string | null, status: ProposedField['status'] = 'ok', problem: string | null = null): ProposedField =>
  ({ field: name, value, raw: value ?? '', confidence: status === 'low' ? 0.62 : 0.93, status, problem, box: value === null ? null : box });

const licence: ScanRecognition = {
  kind: '营业执照', detectedKind: '营业执照', page: { lines: [] } as unknown as ScanRecognition['page'],
  fields: [
    field('名称', '北京恒通医药有限公司'),
    field('统一社会信用代码', '91110105MA01ABCD1X', 'failed', '校验位应为 2'),
    field('法定代表人', '王秀荚', 'low'),
    field('注册资本', '500万元'),
    field('住所', null, 'missing'),
  ],
  notes: ['扫描件是倒置的，已旋转 180° 后识别。'],
  seconds: { load: 0, recognition: 0 }, image: { width: 1200, height: 900 }, preview: null,
};

async function openReview(user: ReturnType<typeof userEvent.setup>) {
  vi.spyOn(platform, 'openFiles').mockResolvedValue([{ name: '执照.jpg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) }]);
  recognizeScans.mockResolvedValue([{ ok: true, value: licence }]);
  renderWithApp(<CompanyFormModal onClose={vi.fn()} />);
  await user.click(screen.getByText('从营业执照识别'));
  await user.click(await screen.findByText('选择扫描件'));
  const flag = await screen.findByText('校验未通过：校验位应为 2');
  const dialog = flag.closest('[role="dialog"]');
  if (!(dialog instanceof HTMLElement)) throw new Error('no review dialog');
  return dialog;
}

const isReviewOpen = () => screen.queryByText('校验未通过：校验位应为 2') !== null || screen.queryByText('已修改') !== null;

describe('从营业执照识别', () => {
  it('shows each value with its confidence and flag, holds a failed check until edited, and records recognised and final values with the company', async () => {
    const user = userEvent.setup({ delay: null });
    const review = await openReview(user);
    expect(recognizeScans).toHaveBeenCalledWith([{ name: '执照.jpg', bytes: expect.any(Uint8Array) as Uint8Array }], expect.objectContaining({ kind: '营业执照' }));
    expect(within(review).getByText('扫描件是倒置的，已旋转 180° 后识别。')).toBeTruthy();
    expect(within(review).getByText('校验未通过：校验位应为 2')).toBeTruthy();
    expect(within(review).getByText('请核对')).toBeTruthy();
    expect(within(review).getByText('未识别到')).toBeTruthy();
    expect(within(review).getAllByText('置信度 93 %').length).toBeGreaterThan(0);
    expect(within(review).getByText('企业信息中没有“注册资本”一项，此值不会保存')).toBeTruthy();
    const confirm = within(review).getByText('确认').closest('button');
    expect(confirm?.hasAttribute('disabled')).toBe(true);

    const uscc = within(review).getByLabelText('统一社会信用代码');
    await user.clear(uscc);
    await user.paste('91110105MA01ABCD12');
    await user.click(within(review).getByText('确认'));
    await waitFor(() => expect(isReviewOpen()).toBe(false));
    expect(screen.getByLabelText<HTMLInputElement>('企业名称').value).toBe('北京恒通医药有限公司');
    expect(screen.getByLabelText<HTMLInputElement>('统一社会信用代码').value).toBe('91110105MA01ABCD12');

    await user.click(screen.getByText('保存'));
    await waitFor(async () => expect(await appDb.companies.count()).toBe(1));
    const entry = (await appDb.changeLog.toArray()).find((e) => e.table === 'companies');
    expect(entry?.source?.text).toBe('来源：营业执照扫描件“执照.jpg”识别');
    expect(entry?.source?.fields.find((f) => f.label === '统一社会信用代码')).toEqual({ label: '统一社会信用代码', recognised: '91110105MA01ABCD1X', final: '91110105MA01ABCD12' });
    expect(entry?.source?.fields.find((f) => f.label === '名称')).toEqual({ label: '名称', recognised: '北京恒通医药有限公司', final: null });
  });

  it('取消 fills nothing', async () => {
    const user = userEvent.setup({ delay: null });
    const review = await openReview(user);
    await user.click(within(review).getByText('取消'));
    await waitFor(() => expect(isReviewOpen()).toBe(false));
    expect(screen.getByLabelText<HTMLInputElement>('企业名称').value).toBe('');
  });
});
