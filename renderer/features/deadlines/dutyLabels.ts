import type { Duty } from '../../../shared/deadlines/duties';

// Helpers the app shell's reminders need, kept apart from dutyModel.ts so that loading them does
// not load the duty computation (which runs in dutyEngine.worker.ts).

/** "（京N3K218）" for a duty about a vehicle, licence or person; '' for the company itself. */
export function subjectSuffix(duty: Duty): string {
  return duty.subject.kind === 'company' ? '' : `（${duty.subject.label}）`;
}
