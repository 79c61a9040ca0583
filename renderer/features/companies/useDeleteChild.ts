import { useUndoableDelete } from '../../components/useUndoableDelete';
import type { ChildKind } from '../../storage/companyRepository';
import { appDb } from '../../storage/connections';
import { deleteChildForUndo } from '../../storage/undoRepository';

/**
 * Deletes one child record and offers 撤销 for a while (see useUndoableDelete); a failure is
 * reported in Chinese instead of losing it silently.
 */
export function useDeleteChild(): (table: ChildKind, id: string, label: string) => void {
  const removeWithUndo = useUndoableDelete();
  return (table, id, label) => {
    void removeWithUndo(() => deleteChildForUndo(appDb, table, id, label));
  };
}
