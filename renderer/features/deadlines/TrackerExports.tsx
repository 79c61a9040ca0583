import { CalendarOutlined, FileExcelOutlined } from '../../components/icons';
import { App, Button, Modal, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import { platform } from '../../platform/platform';
import { buildCalendarFile, buildTrackerFile, exportFileName, type ExportProgress, type ExportScope } from './trackerExport';
import { showFailureDialog } from '../../components/failureDialog';
import { describeError } from '../../../shared/util/errorDescription';

function progressText(p: ExportProgress): string {
  return p.phase === 'rows' ? `正在整理事项 ${p.done} / ${p.total}` : `正在生成 Excel 文件（${p.total} 项）…`;
}

/** 导出跟踪表 (.xlsx, built off the page's thread) and 导出日历 (.ics) for the scope on screen. */
export function TrackerExports({ scopes, scopeName, calendar, today, reminderDaysBefore }: {
  readonly scopes: readonly ExportScope[];
  readonly scopeName: string;
  readonly calendar: WorkCalendar;
  readonly today: IsoDate;
  readonly reminderDaysBefore: number | null;
}) {
  const { message, modal } = App.useApp();
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const total = scopes.reduce((n, s) => n + s.rows.length, 0);

  const exportWorkbook = () => {
    setProgress({ phase: 'rows', done: 0, total });
    void (async () => {
      try {
        const bytes = await buildTrackerFile(scopes, calendar, today, setProgress);
        setProgress(null);
        const isSaved = await platform.saveFile(exportFileName('跟踪表', scopeName, today, 'xlsx'), bytes, [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
        if (isSaved) void message.success(`已导出跟踪表：${scopes.length} 家企业，${total} 项事项`);
      } catch (e) {
        setProgress(null);
        showFailureDialog(modal, '导出跟踪表失败', describeError(e), '没有保存任何文件。');
      }
    })();
  };

  const exportCalendar = () => {
    void (async () => {
      try {
        const built = buildCalendarFile(scopes, reminderDaysBefore, new Date());
        if (!built.ok) {
          void message.info(built.error.message);
          return;
        }
        const { text, events } = built.value;
        const isSaved = await platform.saveFile(exportFileName('日历', scopeName, today, 'ics'), text, [{ name: '日历文件', extensions: ['ics'] }]);
        if (isSaved) void message.success(`已导出日历：${events} 个事件，可导入 Outlook 或系统日历`);
      } catch (e) {
        showFailureDialog(modal, '导出日历失败', describeError(e), '没有保存任何文件。');
      }
    })();
  };

  const percent = progress === null ? 0 : progress.phase === 'rows'
    ? Math.floor((progress.done / Math.max(1, progress.total)) * 50)
    : progress.done >= progress.total && progress.total > 0 ? 100 : 60;

  return (
    <>
      <Space wrap>
        <Button icon={<FileExcelOutlined />} onClick={exportWorkbook} disabled={total === 0 || progress !== null}>导出跟踪表</Button>
        <Button icon={<CalendarOutlined />} onClick={exportCalendar} disabled={total === 0}>导出日历</Button>
      </Space>
      <Modal open={progress !== null} title="导出跟踪表" footer={null} closable={false} mask={{ closable: false }}>
        {progress !== null && (
          <>
            <Progress percent={percent} status="active" aria-label="导出进度" />
            <Typography.Text type="secondary">{progressText(progress)}</Typography.Text>
          </>
        )}
      </Modal>
    </>
  );
}
