import { App, Button, Space } from 'antd';
import { type DeletionSnapshot } from '../storage/undoRepository';
import { useRepositories } from '../storage/repositories';
import { errorMessage } from './failureDialog';

/** How long 撤销 is offered after a deletion, in seconds: long enough to notice a wrong click. */
const UNDO_SECONDS = 10;

let undoSequence = 0;

/**
 * Runs a deletion that returns its snapshot (undoRepository.ts) and shows “已删除… 撤销” for
 * UNDO_SECONDS; 撤销 puts back everything that deletion removed, or says why it cannot.
 */
export function useUndoableDelete(): (remove: () => Promise<DeletionSnapshot>) => Promise<void> {
  const repositories = useRepositories();
  const { message } = App.useApp();
  return async (remove) => {
    let snapshot: DeletionSnapshot;
    try {
      snapshot = await remove();
    } catch (e) {
      void message.error(errorMessage(e, { lead: '删除失败' }));
      return;
    }
    const key = `undo-${++undoSequence}`;
    const undo = () => {
      message.destroy(key);
      repositories.restoreDeletion(snapshot).then(
        () => void message.success(`已恢复${snapshot.label}`),
        (e: unknown) => void message.error(errorMessage(e)),
      );
    };
    void message.open({
      key,
      type: 'success',
      duration: UNDO_SECONDS,
      content: (
        <Space size={8}>
          <span>已删除{snapshot.label}</span>
          <Button size="small" type="link" onClick={undo}>撤销</Button>
        </Space>
      ),
    });
  };
}
