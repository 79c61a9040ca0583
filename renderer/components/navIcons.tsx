import { forwardRef, type ComponentProps } from 'react';
import {
  BankOutlined as AntBankOutlined, BellOutlined as AntBellOutlined, CalendarOutlined as AntCalendarOutlined,
  DashboardOutlined as AntDashboardOutlined, FolderOpenOutlined as AntFolderOpenOutlined, InfoCircleOutlined as AntInfoCircleOutlined,
  ReadOutlined as AntReadOutlined, SafetyCertificateOutlined as AntSafetyCertificateOutlined, SettingOutlined as AntSettingOutlined,
  ThunderboltOutlined as AntThunderboltOutlined,
} from '@ant-design/icons';

/*
 * The icons the app shell (menu and header) shows, and the wrapper every icon goes through (see
 * icons.tsx, which re-exports these: import icons from there). They are a module of their own so
 * that the JavaScript loaded at start carries only these, not every page's icons.
 */

type IconComponent = typeof AntBankOutlined;
type IconProps = ComponentProps<IconComponent>;

/** The icon hidden from assistive technology: a control is named by its Chinese text or its own aria-label. */
export function decorative(Icon: IconComponent, name: string): IconComponent {
  const Decorative = forwardRef<HTMLSpanElement, IconProps>((props, ref) => (
    <Icon ref={ref} role={undefined} aria-label={undefined} aria-hidden {...props} />
  ));
  Decorative.displayName = name;
  return Decorative;
}

export const BankOutlined = decorative(AntBankOutlined, 'BankOutlined');
export const BellOutlined = decorative(AntBellOutlined, 'BellOutlined');
export const CalendarOutlined = decorative(AntCalendarOutlined, 'CalendarOutlined');
export const DashboardOutlined = decorative(AntDashboardOutlined, 'DashboardOutlined');
export const FolderOpenOutlined = decorative(AntFolderOpenOutlined, 'FolderOpenOutlined');
export const InfoCircleOutlined = decorative(AntInfoCircleOutlined, 'InfoCircleOutlined');
export const ReadOutlined = decorative(AntReadOutlined, 'ReadOutlined');
export const SafetyCertificateOutlined = decorative(AntSafetyCertificateOutlined, 'SafetyCertificateOutlined');
export const SettingOutlined = decorative(AntSettingOutlined, 'SettingOutlined');
export const ThunderboltOutlined = decorative(AntThunderboltOutlined, 'ThunderboltOutlined');
