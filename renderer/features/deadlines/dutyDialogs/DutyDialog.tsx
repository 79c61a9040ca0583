import type { IsoDate } from '../../../../shared/domain/isoDate';
import { ChangeHistoryDrawer } from '../../history/ChangeHistoryDrawer';
import { dutyName } from '../dutyActions';
import type { DutyRow } from '../dutyModel';
import { AssigneeDialog } from './AssigneeDialog';
import { DueDateDialog } from './DueDateDialog';
import { DutyHistoryDrawer } from './DutyHistoryDrawer';
import { MarkDoneDialog } from './MarkDoneDialog';
import { ScheduleDialog } from './ScheduleDialog';
import { TriggerDateDialog } from './TriggerDateDialog';
import { UndoDoneDialog } from './UndoDoneDialog';

export type DutyDialogKind = 'markDone' | 'undoDone' | 'dueDate' | 'triggerDate' | 'assignee' | 'schedule' | 'history' | 'changes';

export interface DutyDialogState {
  readonly kind: DutyDialogKind;
  readonly row: DutyRow;
}

/** The dialog for the chosen action on a duty. */
export function DutyDialog({ state, today, onClose }: { readonly state: DutyDialogState; readonly today: IsoDate; readonly onClose: () => void }) {
  switch (state.kind) {
    case 'markDone':
      return <MarkDoneDialog row={state.row} today={today} onClose={onClose} />;
    case 'undoDone':
      return <UndoDoneDialog row={state.row} onClose={onClose} />;
    case 'dueDate':
      return <DueDateDialog row={state.row} onClose={onClose} />;
    case 'triggerDate':
      return <TriggerDateDialog row={state.row} today={today} onClose={onClose} />;
    case 'assignee':
      return <AssigneeDialog row={state.row} onClose={onClose} />;
    case 'schedule':
      return <ScheduleDialog row={state.row} onClose={onClose} />;
    case 'history':
      return <DutyHistoryDrawer row={state.row} onClose={onClose} />;
    case 'changes': {
      const { row } = state;
      return <ChangeHistoryDrawer scope={{ kind: 'duty', companyId: row.companyId, dutyKey: row.duty.key, scheduleKey: row.duty.scheduleKey, title: `修改记录：${dutyName(row)}` }} onClose={onClose} />;
    }
  }
}
