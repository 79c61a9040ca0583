import { useMemo } from 'react';
import { z } from 'zod';
import { useSetting } from '../../storage/hooks';
import type { Repositories } from '../../storage/repositories';

/** Settings keys of the tracker (the settings table is key-value). */
const REMINDER_SETTINGS_KEY = 'deadlines.reminders';
/** The name last given as 记录人, offered again next time. */
const ACTOR_NAME_KEY = 'deadlines.actorName';

export const DEFAULT_LEAD_DAYS: readonly number[] = [7, 1, 0];

const reminderSettingsSchema = z.object({
  isEnabled: z.boolean().default(true),
  /** Days before the due date a reminder fires; 0 = the day itself. */
  leadDays: z.array(z.number().int().min(0).max(365)).max(10).default([...DEFAULT_LEAD_DAYS]),
  /** Local time of day the reminders fire, HH:MM. */
  timeOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM').default('09:00'),
  /** Also a daily reminder while anything is overdue: a missed duty never goes quiet. */
  isOverdueDaily: z.boolean().default(true),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = reminderSettingsSchema.parse({});

/** Stored settings, or the defaults where they are missing or unreadable. */
export function readReminderSettings(value: unknown): ReminderSettings {
  const parsed = reminderSettingsSchema.safeParse(value ?? {});
  if (!parsed.success) return DEFAULT_REMINDER_SETTINGS;
  return { ...parsed.data, leadDays: normalizeLeadDays(parsed.data.leadDays) };
}

/** Unique, largest first. */
export function normalizeLeadDays(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => b - a);
}

export function useReminderSettings(): { readonly isLoaded: boolean; readonly settings: ReminderSettings } {
  const { isLoaded, value } = useSetting<unknown>(REMINDER_SETTINGS_KEY);
  // Stable until the stored value changes: the reminder scheduling effect depends on it.
  const settings = useMemo(() => readReminderSettings(value), [value]);
  return { isLoaded, settings };
}

export async function saveReminderSettings(repositories: Repositories, settings: ReminderSettings): Promise<void> {
  const parsed = reminderSettingsSchema.parse({ ...settings, leadDays: normalizeLeadDays(settings.leadDays) });
  await repositories.putSetting(REMINDER_SETTINGS_KEY, parsed);
}

export function useActorName(): string {
  const { value } = useSetting<unknown>(ACTOR_NAME_KEY);
  return typeof value === 'string' ? value : '';
}

export async function saveActorName(repositories: Repositories, name: string): Promise<void> {
  await repositories.putSetting(ACTOR_NAME_KEY, name.trim().slice(0, 100));
}
