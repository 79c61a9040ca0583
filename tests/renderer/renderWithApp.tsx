import { render, screen, type RenderResult } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type userEvent from '@testing-library/user-event';
import { CurrentCompanyProvider } from '../../renderer/app/currentCompany';
import { rawDb } from '../../renderer/storage/connections';

/**
 * Renders a component inside the providers the app gives it (locale, antd App, company context),
 * configured as the app is for a user who asks for reduced motion (App.tsx): dialogs, drawers and
 * menus open and close without animation, and buttons show no click wave, so no test waits for an
 * animation jsdom cannot play or pays for the wave's extra element and style reads.
 */
export function renderWithApp(ui: ReactNode): RenderResult {
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { motion: false } }} wave={{ disabled: true }}>
      <AntApp>
        <CurrentCompanyProvider>{ui}</CurrentCompanyProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

/**
 * Empties every table of the app database between tests, through the raw connection: the app's
 * own connection refuses to delete change-log entries, as it should.
 */
export async function clearDatabase(): Promise<void> {
  await rawDb.transaction('rw', rawDb.tables, async () => {
    for (const table of rawDb.tables) await table.clear();
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
