import { render, screen, type RenderResult } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type userEvent from '@testing-library/user-event';
import { CurrentCompanyProvider } from '../../renderer/app/currentCompany';
import { appDb } from '../../renderer/storage/database';

/** Renders a component inside the providers the app gives it (locale, antd App, company context). */
export function renderWithApp(ui: ReactNode): RenderResult {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <CurrentCompanyProvider>{ui}</CurrentCompanyProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

/** Empties every table of the app database between tests. */
export async function clearDatabase(): Promise<void> {
  await appDb.transaction('rw', appDb.tables, async () => {
    for (const table of appDb.tables) await table.clear();
  });
}

type User = ReturnType<typeof userEvent.setup>;

/**
 * Puts text into the field labelled `label` the way a user pasting it would: one input event
 * instead of one per character, which keeps antd form tests fast in jsdom.
 */
export async function fill(user: User, label: string, text: string): Promise<void> {
  const input = screen.getByLabelText(label);
  await user.click(input);
  await user.paste(text);
}
