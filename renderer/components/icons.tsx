import { forwardRef, type ComponentProps } from 'react';
import {
  ArrowLeftOutlined as AntArrowLeftOutlined, BankOutlined as AntBankOutlined, BellOutlined as AntBellOutlined,
  CalculatorOutlined as AntCalculatorOutlined, CalendarOutlined as AntCalendarOutlined,
  CheckCircleFilled as AntCheckCircleFilled, CheckCircleOutlined as AntCheckCircleOutlined,
  ClockCircleOutlined as AntClockCircleOutlined, CloseCircleFilled as AntCloseCircleFilled,
  CloudDownloadOutlined as AntCloudDownloadOutlined, CloudUploadOutlined as AntCloudUploadOutlined,
  DashboardOutlined as AntDashboardOutlined, DeleteOutlined as AntDeleteOutlined, DownOutlined as AntDownOutlined,
  DownloadOutlined as AntDownloadOutlined, EditOutlined as AntEditOutlined, EllipsisOutlined as AntEllipsisOutlined,
  ExclamationCircleOutlined as AntExclamationCircleOutlined, ExperimentOutlined as AntExperimentOutlined,
  EyeInvisibleOutlined as AntEyeInvisibleOutlined, EyeOutlined as AntEyeOutlined,
  FileExcelOutlined as AntFileExcelOutlined, FileImageOutlined as AntFileImageOutlined,
  FilePdfOutlined as AntFilePdfOutlined, FileSearchOutlined as AntFileSearchOutlined,
  FileTextOutlined as AntFileTextOutlined, FolderOpenOutlined as AntFolderOpenOutlined,
  FormOutlined as AntFormOutlined, HistoryOutlined as AntHistoryOutlined, InfoCircleOutlined as AntInfoCircleOutlined,
  LockOutlined as AntLockOutlined, PaperClipOutlined as AntPaperClipOutlined, PlusOutlined as AntPlusOutlined, PrinterOutlined as AntPrinterOutlined,
  QuestionCircleFilled as AntQuestionCircleFilled, ReadOutlined as AntReadOutlined,
  RollbackOutlined as AntRollbackOutlined, SafetyCertificateOutlined as AntSafetyCertificateOutlined,
  SaveOutlined as AntSaveOutlined, SearchOutlined as AntSearchOutlined, SettingOutlined as AntSettingOutlined,
  SyncOutlined as AntSyncOutlined, ThunderboltOutlined as AntThunderboltOutlined, UnlockOutlined as AntUnlockOutlined,
  UpOutlined as AntUpOutlined, UploadOutlined as AntUploadOutlined, UserOutlined as AntUserOutlined,
  WarningFilled as AntWarningFilled, WarningOutlined as AntWarningOutlined,
} from '@ant-design/icons';

/*
 * The app's icons. antd's icons announce themselves to screen readers by their English file
 * names ("experiment", "edit"), so a button read as "experiment 载入示例企业" or a bare "edit".
 * Every icon here is decorative: hidden from assistive technology, so a control is named by its
 * Chinese text or its own aria-label. Import icons from this module, never from
 * '@ant-design/icons' (ESLint enforces it).
 */

type IconComponent = typeof AntPlusOutlined;
type IconProps = ComponentProps<IconComponent>;

function decorative(Icon: IconComponent, name: string): IconComponent {
  const Decorative = forwardRef<HTMLSpanElement, IconProps>((props, ref) => (
    <Icon ref={ref} role={undefined} aria-label={undefined} aria-hidden {...props} />
  ));
  Decorative.displayName = name;
  return Decorative;
}

export const ArrowLeftOutlined = decorative(AntArrowLeftOutlined, 'ArrowLeftOutlined');
export const BankOutlined = decorative(AntBankOutlined, 'BankOutlined');
export const BellOutlined = decorative(AntBellOutlined, 'BellOutlined');
export const CalculatorOutlined = decorative(AntCalculatorOutlined, 'CalculatorOutlined');
export const CalendarOutlined = decorative(AntCalendarOutlined, 'CalendarOutlined');
export const CheckCircleFilled = decorative(AntCheckCircleFilled, 'CheckCircleFilled');
export const CheckCircleOutlined = decorative(AntCheckCircleOutlined, 'CheckCircleOutlined');
export const ClockCircleOutlined = decorative(AntClockCircleOutlined, 'ClockCircleOutlined');
export const CloseCircleFilled = decorative(AntCloseCircleFilled, 'CloseCircleFilled');
export const CloudDownloadOutlined = decorative(AntCloudDownloadOutlined, 'CloudDownloadOutlined');
export const CloudUploadOutlined = decorative(AntCloudUploadOutlined, 'CloudUploadOutlined');
export const DashboardOutlined = decorative(AntDashboardOutlined, 'DashboardOutlined');
export const DeleteOutlined = decorative(AntDeleteOutlined, 'DeleteOutlined');
export const DownOutlined = decorative(AntDownOutlined, 'DownOutlined');
export const DownloadOutlined = decorative(AntDownloadOutlined, 'DownloadOutlined');
export const EditOutlined = decorative(AntEditOutlined, 'EditOutlined');
export const EllipsisOutlined = decorative(AntEllipsisOutlined, 'EllipsisOutlined');
export const ExclamationCircleOutlined = decorative(AntExclamationCircleOutlined, 'ExclamationCircleOutlined');
export const ExperimentOutlined = decorative(AntExperimentOutlined, 'ExperimentOutlined');
export const EyeInvisibleOutlined = decorative(AntEyeInvisibleOutlined, 'EyeInvisibleOutlined');
export const EyeOutlined = decorative(AntEyeOutlined, 'EyeOutlined');
export const FileExcelOutlined = decorative(AntFileExcelOutlined, 'FileExcelOutlined');
export const FileImageOutlined = decorative(AntFileImageOutlined, 'FileImageOutlined');
export const FilePdfOutlined = decorative(AntFilePdfOutlined, 'FilePdfOutlined');
export const FileSearchOutlined = decorative(AntFileSearchOutlined, 'FileSearchOutlined');
export const FileTextOutlined = decorative(AntFileTextOutlined, 'FileTextOutlined');
export const FolderOpenOutlined = decorative(AntFolderOpenOutlined, 'FolderOpenOutlined');
export const FormOutlined = decorative(AntFormOutlined, 'FormOutlined');
export const HistoryOutlined = decorative(AntHistoryOutlined, 'HistoryOutlined');
export const InfoCircleOutlined = decorative(AntInfoCircleOutlined, 'InfoCircleOutlined');
export const LockOutlined = decorative(AntLockOutlined, 'LockOutlined');
export const PaperClipOutlined = decorative(AntPaperClipOutlined, 'PaperClipOutlined');
export const PlusOutlined = decorative(AntPlusOutlined, 'PlusOutlined');
export const PrinterOutlined = decorative(AntPrinterOutlined, 'PrinterOutlined');
export const QuestionCircleFilled = decorative(AntQuestionCircleFilled, 'QuestionCircleFilled');
export const ReadOutlined = decorative(AntReadOutlined, 'ReadOutlined');
export const RollbackOutlined = decorative(AntRollbackOutlined, 'RollbackOutlined');
export const SafetyCertificateOutlined = decorative(AntSafetyCertificateOutlined, 'SafetyCertificateOutlined');
export const SaveOutlined = decorative(AntSaveOutlined, 'SaveOutlined');
export const SearchOutlined = decorative(AntSearchOutlined, 'SearchOutlined');
export const SettingOutlined = decorative(AntSettingOutlined, 'SettingOutlined');
export const SyncOutlined = decorative(AntSyncOutlined, 'SyncOutlined');
export const ThunderboltOutlined = decorative(AntThunderboltOutlined, 'ThunderboltOutlined');
export const UnlockOutlined = decorative(AntUnlockOutlined, 'UnlockOutlined');
export const UpOutlined = decorative(AntUpOutlined, 'UpOutlined');
export const UploadOutlined = decorative(AntUploadOutlined, 'UploadOutlined');
export const UserOutlined = decorative(AntUserOutlined, 'UserOutlined');
export const WarningFilled = decorative(AntWarningFilled, 'WarningFilled');
export const WarningOutlined = decorative(AntWarningOutlined, 'WarningOutlined');
