import { Button, Drawer, Empty, Flex, Typography, theme } from 'antd';
import type { Company } from '../../../shared/domain/company';
import type { Question } from '../../../shared/policy/knowledgeBase';
import { questionForAnswerKey } from './overviewModel';
import { QuestionField, type AnswerSaver } from './QuestionField';

/** Every answer stored for the company, to review, change or clear. */
export function AnsweredQuestionsDrawer({ company, questions, isOpen, onClose, onSave }: {
  readonly company: Company;
  readonly questions: ReadonlyMap<string, Question>;
  readonly isOpen: boolean;
  readonly onClose: () => void;
  readonly onSave: AnswerSaver;
}) {
  const { token } = theme.useToken();
  const answered = Object.entries(company.answers).filter(([, v]) => v !== null);
  return (
    <Drawer title={`已回答的问题（${answered.length}）`} size={640} open={isOpen} onClose={onClose} destroyOnHidden>
      {answered.length === 0 ? (
        <Empty description="尚未回答任何问题。在合规概览中回答问题后，回答保存在本企业的资料中。" />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">回答保存在本企业的资料中，随工作区一同导出；修改或清除后概览立即重新判断。</Typography.Text>
          {answered.map(([key, value]) => {
            const question = questionForAnswerKey(key, questions);
            return (
              <div key={key} style={{ paddingBottom: 12, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
                {question === null ? (
                  <Flex gap={8} align="baseline" wrap>
                    <Typography.Text type="secondary">{key}：{String(value)}（当前政策数据中已无此问题）</Typography.Text>
                    <Button type="link" size="small" onClick={() => void onSave(key, null)}>清除</Button>
                  </Flex>
                ) : (
                  <QuestionField question={question} value={value ?? undefined} onSave={onSave} />
                )}
              </div>
            );
          })}
        </Flex>
      )}
    </Drawer>
  );
}
