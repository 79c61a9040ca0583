import { Alert, Button, Flex, Tag, Typography } from 'antd';
import { DateInput } from '../../components/DateInput';
import type { JudgementDate } from './useJudgementDate';

const DATE_INPUT_ID = 'overview-judgement-date';

/**
 * Picks the 判断日. Matching needs no holiday calendar (it compares dates and counts whole
 * months), and this page computes no deadline dates, so a day past the published 节假日安排 is
 * as good as any other here.
 */
export function JudgementDateControl({ judgement }: { readonly judgement: JudgementDate }) {
  const { date, today, isToday, invalidParam, setDate } = judgement;
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong><label htmlFor={DATE_INPUT_ID}>判断日</label></Typography.Text>
        <div style={{ width: 160 }}>
          <DateInput id={DATE_INPUT_ID} aria-label="判断日" value={date} onChange={setDate} />
        </div>
        <Button onClick={() => setDate(null)} disabled={isToday && invalidParam === null}>今天</Button>
        {isToday
          ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>按今天的企业资料判断</Typography.Text>
          : <Tag color="blue" style={{ marginInlineEnd: 0 }}>不是今天（今天为 {today}）</Tag>}
      </Flex>
      {!isToday ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          劳动合同是否在期内、证照是否有效、经营满几个月、事件是否已发生、政策是否仍在执行期内，都按 {date} 计算；从业人员、营业收入等其他资料和已回答的问题按现在录入的内容，不回溯。
        </Typography.Text>
      ) : null}
      {invalidParam !== null ? (
        <Alert type="warning" showIcon title={`网址中的判断日“${invalidParam}”不是有效日期，已按今天（${today}）判断。`} />
      ) : null}
    </Flex>
  );
}
