import { Badge, Button, Calendar, Card, Empty, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { isIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { DutyDialogKind } from './DutyDialogs';
import { subjectSuffix, type DutyRow, type TrackerGroup } from './dutyModel';
import { DutyTable } from './DutyTable';

const BADGE: Readonly<Record<TrackerGroup, 'error' | 'warning' | 'processing' | 'success' | 'default'>> = {
  overdue: 'error',
  dueWithin7: 'warning',
  dueWithin30: 'warning',
  later: 'processing',
  done: 'success',
  undated: 'default',
};

const SHOWN_PER_DAY = 3;

/** The duties on their days (a window's closing day; 本月内 on the month's end); undated ones have no day. */
export function DutyCalendar({ rows, initialDate, isCompanyShown, onAction }: {
  readonly rows: readonly DutyRow[];
  readonly initialDate: string | null;
  readonly isCompanyShown: boolean;
  readonly onAction: (kind: DutyDialogKind, row: DutyRow) => void;
}) {
  const [selected, setSelected] = useState<Dayjs>(() => (initialDate !== null && isIsoDate(initialDate) ? dayjs(initialDate) : dayjs()));
  // One index per change of the rows: each cell only looks its day up.
  const byDay = useMemo(() => {
    const map = new Map<string, DutyRow[]>();
    for (const row of rows) {
      if (row.date === null) continue;
      const list = map.get(row.date);
      if (list === undefined) map.set(row.date, [row]);
      else list.push(row);
    }
    return map;
  }, [rows]);
  const byMonth = useMemo(() => {
    const map = new Map<string, number>();
    for (const [day, list] of byDay) map.set(day.slice(0, 7), (map.get(day.slice(0, 7)) ?? 0) + list.length);
    return map;
  }, [byDay]);

  const selectedDay = selected.format('YYYY-MM-DD') as IsoDate;
  // The first open duty on or after the selected day, to jump to when the month shown is empty.
  const nextDay = useMemo(() => {
    let best: string | null = null;
    for (const [day, list] of byDay) {
      if (day > selectedDay && (best === null || day < best) && list.some((r) => r.group !== 'done')) best = day;
    }
    return best;
  }, [byDay, selectedDay]);
  const dayRows = byDay.get(selectedDay) ?? [];
  const undated = rows.filter((r) => r.date === null).length;

  return (
    <>
      <Card size="small">
        <Calendar
          value={selected}
          onSelect={(d) => setSelected(d)}
          cellRender={(current, info) => {
            if (info.type === 'month') {
              const n = byMonth.get(current.format('YYYY-MM')) ?? 0;
              return n > 0 ? <Typography.Text type="secondary">{n} 项</Typography.Text> : null;
            }
            if (info.type !== 'date') return info.originNode;
            const list = byDay.get(current.format('YYYY-MM-DD'));
            if (list === undefined) return null;
            return (
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={`${current.format('YYYY-MM-DD')} 的事项`}>
                {list.slice(0, SHOWN_PER_DAY).map((r) => (
                  <li key={`${r.companyId}::${r.duty.key}`} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 12 }}>
                    <Badge status={BADGE[r.group]} text={`${r.duty.title}${subjectSuffix(r.duty)}`} />
                  </li>
                ))}
                {list.length > SHOWN_PER_DAY && <li style={{ fontSize: 12 }}><Typography.Text type="secondary">另有 {list.length - SHOWN_PER_DAY} 项</Typography.Text></li>}
              </ul>
            );
          }}
        />
        <Flex gap={12} wrap align="center">
          {nextDay !== null && <Button size="small" onClick={() => setSelected(dayjs(nextDay))}>下一个到期日：{nextDay}</Button>}
          {undated > 0 && <Typography.Text type="secondary">另有 {undated} 项日期待定（以主管部门通知为准或缺少触发日期），见事项列表的“待定”。</Typography.Text>}
        </Flex>
      </Card>
      <Card size="small" title={`${selected.format('YYYY年M月D日')} 的事项（${dayRows.length}）`} style={{ marginTop: 12 }}>
        {dayRows.length === 0 ? <Empty description="当天没有到期事项" /> : <DutyTable rows={dayRows} isCompanyShown={isCompanyShown} onAction={onAction} height={320} />}
      </Card>
    </>
  );
}
