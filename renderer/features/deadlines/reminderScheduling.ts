import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { IsoDate } from '../../../shared/domain/isoDate';
import type { ReminderDto } from '../../../shared/ipc/contract';
import { platform } from '../../platform/platform';
import type { CompanyDuties } from './dutyModel';
import type { ReminderSettings } from './reminderSettings';
import { buildReminders } from './reminders';
import { describeError } from '../../../shared/util/errorDescription';

/*
 * Hands main the complete reminder list whenever the duties or the settings change (Electron
 * only; the browser build shows the in-app panel instead). Identical lists are not sent again.
 */

export type SchedulingStatus =
  | { readonly state: 'unsupported' }
  | { readonly state: 'idle' }
  | { readonly state: 'scheduled'; readonly scheduled: number; readonly next: ReminderDto | null; readonly at: Date }
  | { readonly state: 'failed'; readonly message: string };

let status: SchedulingStatus = { state: 'idle' };
const listeners = new Set<() => void>();

function setStatus(next: SchedulingStatus): void {
  status = next;
  for (const l of listeners) l();
}

export function useSchedulingStatus(): SchedulingStatus {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
  return platform.scheduleReminders === undefined ? { state: 'unsupported' } : current;
}

const DEBOUNCE_MS = 800;

export function useReminderScheduling(companies: readonly CompanyDuties[] | null, settings: ReminderSettings | null, today: IsoDate | null): void {
  const lastSent = useRef<string | null>(null);
  useEffect(() => {
    const schedule = platform.scheduleReminders?.bind(platform);
    if (schedule === undefined || companies === null || settings === null || today === null) return undefined;
    const timer = setTimeout(() => {
      const reminders = buildReminders(companies, settings, today, new Date());
      const signature = JSON.stringify(reminders);
      if (signature === lastSent.current) return;
      schedule(reminders).then(
        (response) => {
          lastSent.current = signature;
          setStatus({ state: 'scheduled', scheduled: response.scheduled, next: reminders[0] ?? null, at: new Date() });
        },
        (e: unknown) => setStatus({ state: 'failed', message: describeError(e).message }),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [companies, settings, today]);
}
