import { Alert, Card, Col, Descriptions, Form, InputNumber, Radio, Result, Row, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { isIsoDate, type IsoDate } from '../../../shared/domain/isoDate';
import { describeDay, type WorkCalendar } from '../../../shared/deadlines/calendar';
import { computePeriod, computeWindowBefore, formatDateZh, PERIOD_UNIT_LABELS } from '../../../shared/deadlines/period';
import type { PeriodUnit } from '../../../shared/policy/knowledgeBase';
import { DateInput } from '../../components/DateInput';
import { useWorkCalendar } from './workCalendarSource';

type Direction = 'after' | 'before' | 'window';

const DIRECTIONS: readonly { readonly value: Direction; readonly label: string }[] = [
  { value: 'after', label: '自该日起……内（之后）' },
  { value: 'before', label: '该日前……（之前）' },
  { value: 'window', label: '届满前……内（办理期间）' },
];

const UNITS: readonly PeriodUnit[] = ['day', 'workday', 'month', 'year'];
const MAX_AMOUNT = 1000;

interface Outcome {
  readonly dueDate: IsoDate;
  readonly opens: IsoDate | null;
  readonly nominal: IsoDate;
  readonly isProvisional: boolean;
  readonly explanation: string;
  readonly legalBasis: string;
}

function calculate(calendar: WorkCalendar, from: IsoDate, amount: number, unit: PeriodUnit, direction: Direction): Outcome {
  if (direction === 'window') {
    const w = computeWindowBefore(calendar, from, amount, unit);
    return { dueDate: w.closes, opens: w.opens, nominal: w.nominalCloses, isProvisional: w.isProvisional, explanation: w.explanation, legalBasis: w.legalBasis };
  }
  const p = computePeriod(calendar, { from, amount, unit, direction });
  return { dueDate: p.dueDate, opens: null, nominal: p.nominalDate, isProvisional: p.isProvisional, explanation: p.explanation, legalBasis: p.legalBasis };
}

function CalculatorForm({ calendar }: { readonly calendar: WorkCalendar }) {
  const [from, setFrom] = useState<IsoDate | null>(null);
  const [amount, setAmount] = useState<number | null>(15);
  const [unit, setUnit] = useState<PeriodUnit>('day');
  const [direction, setDirection] = useState<Direction>('after');

  const amountProblem = amount === null ? '请填写期间长度' : !Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT ? `期间长度应为 0 至 ${MAX_AMOUNT} 的整数` : null;
  const outcome = useMemo(
    () => (from !== null && isIsoDate(from) && amount !== null && amountProblem === null ? calculate(calendar, from, amount, unit, direction) : null),
    [calendar, from, amount, unit, direction, amountProblem],
  );

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card size="small" title="按同一规则手工计算期限">
          <Form layout="vertical">
            <Form.Item label="起算日期（事件发生日或届满日）" required>
              <DateInput aria-label="起算日期" value={from} onChange={setFrom} />
            </Form.Item>
            <Form.Item label="计算方式">
              <Radio.Group value={direction} onChange={(e) => setDirection(e.target.value as Direction)} options={DIRECTIONS.map((d) => ({ value: d.value, label: d.label }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
            </Form.Item>
            <Form.Item label="期间" required validateStatus={amountProblem === null ? undefined : 'error'} help={amountProblem ?? undefined}>
              <div style={{ display: 'flex', gap: 8 }}>
                <InputNumber aria-label="期间长度" min={0} max={MAX_AMOUNT} precision={0} value={amount} onChange={(v) => setAmount(v)} style={{ width: 120 }} />
                <Select<PeriodUnit> aria-label="期间单位" value={unit} onChange={setUnit} style={{ width: 140 }} options={UNITS.map((u) => ({ value: u, label: PERIOD_UNIT_LABELS[u] }))} />
              </div>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
            规则：期间开始的当日不计入，自下一日起算；按月、年计算的，到期月的对应日为最后一日，无对应日的为月末日；最后一日是法定休假日的，以休假日结束的次日为最后一日（《民法典》第二百零一条至第二百零三条）。
            工作日按国务院办公厅公布的节假日安排确定（数据至 {calendar.publishedThroughYear} 年）。向前计算的期限落在休息日时，建议以此前最后一个工作日为准。
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title="计算结果" aria-live="polite">
          {outcome === null ? (
            <Typography.Text type="secondary">选择起算日期并填写期间后显示结果。</Typography.Text>
          ) : (
            <>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={direction === 'window' ? '办理截止日' : '截止日期'}>
                  <Typography.Text strong style={{ fontSize: 18 }} aria-label="计算出的截止日期">{outcome.dueDate}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{formatDateZh(outcome.dueDate)}，{describeDay(calendar, outcome.dueDate)}</Typography.Text>
                </Descriptions.Item>
                {outcome.opens !== null && <Descriptions.Item label="可以办理自">{outcome.opens}</Descriptions.Item>}
                {outcome.nominal !== outcome.dueDate && <Descriptions.Item label="按期间计算的日期">{outcome.nominal}，{describeDay(calendar, outcome.nominal)}</Descriptions.Item>}
                <Descriptions.Item label="计算依据">{outcome.legalBasis || '—'}</Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>{outcome.explanation}</Typography.Paragraph>
              {outcome.isProvisional && <Alert type="warning" showIcon title="暂定日期：假期安排尚未公布" description={`结果涉及 ${calendar.publishedThroughYear} 年以后的日期，仅按周末推算；国务院公布当年节假日安排后可能变化。`} />}
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** 期限计算器: any period by hand, with the rules and holiday data the tracker uses. */
export function PeriodCalculator() {
  const state = useWorkCalendar();
  if (state.status === 'loading') return <Spin description="正在加载节假日数据…" style={{ display: 'block', margin: '48px auto' }} />;
  if (state.status === 'failed') return <Result status="error" title="节假日数据无法加载" subTitle={state.message} />;
  return <CalculatorForm calendar={state.calendar} />;
}
