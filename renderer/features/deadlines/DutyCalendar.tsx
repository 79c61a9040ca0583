import { Alert, Button, Calendar, Card, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import { dayMark, earliestDay, holidaySourceNote, itemsByDay, type DayMark } from '../../../shared/deadlines/calendarMonth';
import type { WorkCalendar } from '../../../shared/deadlines/calendar';
import { isIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import type { DutyDialogKind } from './dutyDialogs/DutyDialog';
import { subjectSuffix, TRACKER_GROUP_LABELS, type DutyRow, type TrackerGroup } from './dutyModel';
import { DutyTable } from './DutyTable';
import { useWorkCalendar } from './workCalendarSource';

/** Each group's colour on the calendar: overdue stands out in red, done recedes in green. */
const GROUP_STYLE: Readonly<Record<TrackerGroup, { readonly background: string; readonly border: string; readonly color: string }>> = {
  overdue: { background: '#fff1f0', border: '#cf1322', color: '#a8071a' },
  dueWithin7: { background: '#fff7e6', border: '#fa8c16', color: '#ad4e00' },
  dueWithin30: { background: '#fefbe6', border: '#d4b106', color: '#7c6400' },
  later: { background: '#e6f4ff', border: '#1677ff', color: '#003eb3' },
  done: { background: '#f6ffed', border: '#52c41a', color: '#389e0d' },
  undated: { background: '#fafafa', border: '#bfbfbf', color: '#595959' },
};
const LEGEND_GROUPS: readonly TrackerGroup[] = ['overdue', 'dueWithin7', 'dueWithin30', 'later', 'done'];

const HOLIDAY_STYLE: CSSProperties = { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffccc7' };
const MAKE_UP_STYLE: CSSProperties = { background: '#f0f5ff', color: '#1d39c4', border: '1px solid #adc6ff' };

const SHOWN_PER_DAY = 3;

/** Read by screen readers (and found by tests) without taking room in a narrow cell. */
const VISUALLY_HIDDEN: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' };

function rowTitle(r: DutyRow): string {
  return `${r.duty.title}${subjectSuffix(r.duty)}`;
}

function DayBadge({ mark }: { readonly mark: DayMark }) {
  if (mark.badge === null) return null;
  const style = mark.badge === '休' ? HOLIDAY_STYLE : MAKE_UP_STYLE;
  const label = mark.badge === '休' ? `休：${mark.name ?? '法定节假日'}` : `班：${mark.name === null ? '调休上班日' : `${mark.name}调休上班`}`;
  return (
    <Flex gap={4} align="center" style={{ fontSize: 12, lineHeight: '18px', overflow: 'hidden', whiteSpace: 'nowrap' }} aria-label={label}>
      <span aria-hidden style={{ ...style, borderRadius: 3, padding: '0 3px', fontWeight: 600 }}>{mark.badge}</span>
      <span aria-hidden style={{ color: style.color, overflow: 'hidden', textOverflow: 'ellipsis' }}>{mark.badge === '休' ? mark.name ?? '法定节假日' : mark.name === null ? '调休' : `${mark.name}调休`}</span>
    </Flex>
  );
}

function ItemChip({ row, isCompanyShown }: { readonly row: DutyRow; readonly isCompanyShown: boolean }) {
  const style = GROUP_STYLE[row.group];
  const title = rowTitle(row);
  const status = TRACKER_GROUP_LABELS[row.group];
  return (
    <Tooltip title={<><div>{title}</div><div style={{ opacity: 0.85 }}>{isCompanyShown ? `${row.companyName} · ` : ''}{status}</div></>} mouseEnterDelay={0.2}>
      <li
        data-group={row.group}
        style={{
          listStyle: 'none', margin: '0 0 2px', padding: '0 4px', fontSize: 12, lineHeight: '18px', borderRadius: 3,
          background: style.background, borderLeft: `3px solid ${style.border}`, color: style.color,
          whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis',
          textDecoration: row.group === 'done' ? 'line-through' : undefined,
        }}
      >
        {row.group === 'overdue' ? <><span style={VISUALLY_HIDDEN}>逾期：</span><span aria-hidden style={{ fontWeight: 700 }}>! </span></> : null}
        {/* The plate or name first: a fleet's items share their title and differ by subject. */}
        {row.duty.subject.kind === 'company' ? title : `${row.duty.subject.label} ${row.duty.title}`}
      </li>
    </Tooltip>
  );
}

/**
 * A key to the colours and marks, not a filter: plain text (nothing to click or tab to), named
 * 图例 on screen and for screen readers. Filtering is done with the status filter above the calendar.
 */
function Legend() {
  return (
    <Flex gap={12} wrap align="center" role="list" aria-label="图例" style={{ fontSize: 12, cursor: 'default' }}>
      <Typography.Text type="secondary" aria-hidden style={{ fontSize: 12 }}>图例：</Typography.Text>
      {LEGEND_GROUPS.map((g) => (
        <Flex key={g} role="listitem" gap={4} align="center">
          <span aria-hidden style={{ width: 16, height: 12, borderRadius: 2, background: GROUP_STYLE[g].background, borderLeft: `3px solid ${GROUP_STYLE[g].border}` }} />
          <span>{TRACKER_GROUP_LABELS[g]}</span>
        </Flex>
      ))}
      <Flex role="listitem" gap={4} align="center"><span aria-hidden style={{ ...HOLIDAY_STYLE, borderRadius: 3, padding: '0 3px', fontWeight: 600 }}>休</span><span>法定节假日</span></Flex>
      <Flex role="listitem" gap={4} align="center"><span aria-hidden style={{ ...MAKE_UP_STYLE, borderRadius: 3, padding: '0 3px', fontWeight: 600 }}>班</span><span>调休上班日</span></Flex>
    </Flex>
  );
}

/** The duties on their days (a window's closing day; 本月内 on the month's end); undated ones have no day. */
export function DutyCalendar({ rows, initialDate, isCompanyShown, onAction }: {
  readonly rows: readonly DutyRow[];
  readonly initialDate: string | null;
  readonly isCompanyShown: boolean;
  readonly onAction: (kind: DutyDialogKind, row: DutyRow) => void;
}) {
  const calendarState = useWorkCalendar();
  const work: WorkCalendar | null = calendarState.status === 'ready' ? calendarState.calendar : null;
  const [selected, setSelected] = useState<Dayjs>(() => (initialDate !== null && isIsoDate(initialDate) ? dayjs(initialDate) : dayjs()));
  const dayListRef = useRef<HTMLDivElement | null>(null);
  // A link naming another day (a reminder, an address typed) moves the calendar there.
  const [shownInitial, setShownInitial] = useState(initialDate);
  if (initialDate !== shownInitial) {
    setShownInitial(initialDate);
    if (initialDate !== null && isIsoDate(initialDate)) setSelected(dayjs(initialDate));
  }
  // One index per change of the rows: each cell only looks its day up. Overdue first on a day.
  const byDay = useMemo(() => itemsByDay(rows, (r) => r.group === 'overdue'), [rows]);
  const byMonth = useMemo(() => {
    const map = new Map<string, { total: number; overdue: number }>();
    for (const [day, list] of byDay) {
      const entry = map.get(day.slice(0, 7)) ?? { total: 0, overdue: 0 };
      entry.total += list.length;
      entry.overdue += list.filter((r) => r.group === 'overdue').length;
      map.set(day.slice(0, 7), entry);
    }
    return map;
  }, [byDay]);

  const selectedDay = selected.format('YYYY-MM-DD') as IsoDate;
  // The first open duty after the selected day, to jump to when the month shown is empty.
  const nextDay = useMemo(() => earliestDay(rows.filter((r) => r.date !== null && r.date > selectedDay), (r) => r.group !== 'done'), [rows, selectedDay]);
  const overdueRows = useMemo(() => rows.filter((r) => r.group === 'overdue' && r.date !== null), [rows]);
  const firstOverdue = useMemo(() => earliestDay(overdueRows, () => true), [overdueRows]);
  const dayRows = byDay.get(selectedDay) ?? [];
  const selectedMark = work === null ? null : dayMark(work, selectedDay);
  const undated = rows.filter((r) => r.date === null).length;
  const note = work === null ? null : holidaySourceNote(work, selected.year());

  const select = (d: Dayjs, scroll: boolean) => {
    setSelected(d);
    if (scroll && byDay.has(d.format('YYYY-MM-DD') as IsoDate)) {
      // Let the day list render its rows, then bring it into view (jsdom has no scrollIntoView).
      window.requestAnimationFrame(() => dayListRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
    }
  };

  return (
    <>
      <Card size="small">
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Legend />
            {note !== null ? (
              <Typography.Text type={note.isCovered ? 'secondary' : 'warning'} style={{ fontSize: 12 }} aria-label="节假日数据来源">{note.text}</Typography.Text>
            ) : calendarState.status === 'failed' ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{calendarState.message}</Typography.Text> : null}
          </Flex>
          {firstOverdue !== null && (
            <Alert
              type="error"
              showIcon
              title={`逾期 ${overdueRows.length} 项，最早的到期日 ${firstOverdue}：逾期事项标在各自的到期日，红色显示，标记完成前一直保留。`}
              action={<Button size="small" onClick={() => select(dayjs(firstOverdue), true)}>查看最早的逾期事项</Button>}
            />
          )}
        </Flex>
        <Calendar
          value={selected}
          onSelect={(d, info) => select(d, info.source === 'date')}
          cellRender={(current, info) => {
            if (info.type === 'month') {
              const n = byMonth.get(current.format('YYYY-MM'));
              if (n === undefined) return null;
              return (
                <Typography.Text type="secondary">
                  {n.total} 项{n.overdue > 0 ? <Typography.Text type="danger">（逾期 {n.overdue}）</Typography.Text> : null}
                </Typography.Text>
              );
            }
            if (info.type !== 'date') return info.originNode;
            const date = current.format('YYYY-MM-DD') as IsoDate;
            const mark = work === null ? null : dayMark(work, date);
            const list = byDay.get(date);
            if (list === undefined && (mark === null || mark.badge === null)) return null;
            const shown = mark !== null && mark.badge !== null ? SHOWN_PER_DAY - 1 : SHOWN_PER_DAY;
            return (
              <div role="group" aria-label={`${current.format('M月D日')}${mark !== null && mark.badge !== null ? ` ${mark.description}` : ''}${list ? `，${list.length} 项` : ''}`}>
                {mark !== null ? <DayBadge mark={mark} /> : null}
                {list !== undefined && (
                  <ul style={{ margin: 0, padding: 0 }} aria-label={`${date} 的事项`}>
                    {list.slice(0, shown).map((r) => <ItemChip key={`${r.companyId}::${r.duty.key}`} row={r} isCompanyShown={isCompanyShown} />)}
                    {list.length > shown && <li style={{ listStyle: 'none', fontSize: 12 }}><Typography.Text type="secondary">另有 {list.length - shown} 项</Typography.Text></li>}
                  </ul>
                )}
              </div>
            );
          }}
        />
        <Flex gap={12} wrap align="center">
          {nextDay !== null && <Button size="small" onClick={() => select(dayjs(nextDay), true)}>下一个到期日：{nextDay}</Button>}
          {undated > 0 && <Typography.Text type="secondary">另有 {undated} 项日期待定（以主管部门通知为准或缺少触发日期），见事项列表的“待定”。</Typography.Text>}
        </Flex>
      </Card>
      <div ref={dayListRef} style={{ scrollMarginTop: 12 }}>
        <Card
          size="small"
          role="region"
          aria-label="当天的事项"
          title={(
            <Flex gap={8} align="center" wrap>
              <span>{selected.format('YYYY年M月D日')} 的事项（{dayRows.length}）</span>
              {selectedMark !== null && selectedMark.badge !== null
                ? <Tag color={selectedMark.badge === '休' ? 'red' : 'geekblue'}>{selectedMark.description}</Tag>
                : selectedMark !== null ? <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>{selectedMark.description}{selectedMark.isKnown ? '' : '（节假日安排未收录）'}</Typography.Text> : null}
            </Flex>
          )}
          style={{ marginTop: 12 }}
        >
          {dayRows.length === 0 ? <Empty description="当天没有到期事项" /> : <DutyTable rows={dayRows} isCompanyShown={isCompanyShown} onAction={onAction} height={320} />}
        </Card>
      </div>
    </>
  );
}
