import { App } from 'antd';
import { deleteChild, type ChildKind } from '../../storage/companyRepository';
import { appDb } from '../../storage/database';

/** Deletes one child record and reports a failure in Chinese instead of losing it silently. */
export function useDeleteChild(): (table: ChildKind, id: string, label: string) => void {
  const { message } = App.useApp();
  return (table, id, label) => {
    deleteChild(appDb, table, id).then(
      () => void message.success(`已删除${label}`),
      (e: unknown) => void message.error(`删除失败：${e instanceof Error ? e.message : String(e)}`),
    );
  };
}
