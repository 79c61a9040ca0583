import { useHashParam } from '../../app/hashLocation';

/**
 * Which record editor is open, kept in the hash as `edit=<kind>:<id|new>` so that a reload
 * reopens it and its draft is restored.
 */
export interface EditorState {
  /** 'new', a record id, or null when this kind's editor is closed. */
  readonly editing: string | null;
  readonly open: (idOrNew: string) => void;
  readonly close: () => void;
}

export function useEditorParam(kind: string): EditorState {
  const [value, setValue] = useHashParam('edit');
  const prefix = `${kind}:`;
  const editing = value?.startsWith(prefix) === true ? value.slice(prefix.length) : null;
  return {
    editing,
    open: (idOrNew) => setValue(`${prefix}${idOrNew}`),
    close: () => setValue(null),
  };
}

/** Draft key of a child editor: new records are per company so two companies never share one. */
export function childDraftKey(kind: string, companyId: string, editing: string): string {
  return editing === 'new' ? `${kind}:new:${companyId}` : `${kind}:${editing}`;
}
