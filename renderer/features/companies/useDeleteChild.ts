import { useUndoableDelete } from '../../components/useUndoableDelete';
import type { ChildKind } from '../../storage/companyRepository';
import { useRepositories } from '../../storage/repositories';

/**
 * Deletes one child record and offers 撤销 for a while (see useUndoableDelete); a failure is
 * reported in Chinese instead of losing it silently.
 */
export function useDeleteChild(): (table: ChildKind, id: string, label: string) => void {
  const repositories = useRepositories();
  const removeWithUndo = useUndoableDelete();
  return (table, id, label) => {
    void removeWithUndo(() => repositories.deleteChildForUndo(table, id, label));
  };
}
