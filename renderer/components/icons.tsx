import { decorative } from './navIcons';
import {
  ArrowLeftOutlined as AntArrowLeftOutlined,
  CalculatorOutlined as AntCalculatorOutlined,
  CheckCircleFilled as AntCheckCircleFilled, CheckCircleOutlined as AntCheckCircleOutlined,
  ClockCircleOutlined as AntClockCircleOutlined, CloseCircleFilled as AntCloseCircleFilled,
  CloudDownloadOutlined as AntCloudDownloadOutlined, CloudUploadOutlined as AntCloudUploadOutlined, DeleteOutlined as AntDeleteOutlined, DownOutlined as AntDownOutlined,
  DownloadOutlined as AntDownloadOutlined, EditOutlined as AntEditOutlined, EllipsisOutlined as AntEllipsisOutlined,
  ExclamationCircleOutlined as AntExclamationCircleOutlined, ExperimentOutlined as AntExperimentOutlined,
  EyeInvisibleOutlined as AntEyeInvisibleOutlined, EyeOutlined as AntEyeOutlined,
  FileExcelOutlined as AntFileExcelOutlined, FileImageOutlined as AntFileImageOutlined,
  FilePdfOutlined as AntFilePdfOutlined, FileSearchOutlined as AntFileSearchOutlined,
  FileTextOutlined as AntFileTextOutlined,
  FormOutlined as AntFormOutlined, HistoryOutlined as AntHistoryOutlined,
  LockOutlined as AntLockOutlined, PaperClipOutlined as AntPaperClipOutlined, PlusOutlined as AntPlusOutlined, PrinterOutlined as AntPrinterOutlined,
  QuestionCircleFilled as AntQuestionCircleFilled,
  RollbackOutlined as AntRollbackOutlined,
  SaveOutlined as AntSaveOutlined, SearchOutlined as AntSearchOutlined,
  SyncOutlined as AntSyncOutlined, UnlockOutlined as AntUnlockOutlined,
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

// The header's and menu's icons live in navIcons.tsx (loaded with the app shell); re-exported here.
export { BellOutlined, CalendarOutlined, FolderOpenOutlined, InfoCircleOutlined, ThunderboltOutlined } from './navIcons';

export const ArrowLeftOutlined = decorative(AntArrowLeftOutlined, 'ArrowLeftOutlined');
export const CalculatorOutlined = decorative(AntCalculatorOutlined, 'CalculatorOutlined');
export const CheckCircleFilled = decorative(AntCheckCircleFilled, 'CheckCircleFilled');
export const CheckCircleOutlined = decorative(AntCheckCircleOutlined, 'CheckCircleOutlined');
export const ClockCircleOutlined = decorative(AntClockCircleOutlined, 'ClockCircleOutlined');
export const CloseCircleFilled = decorative(AntCloseCircleFilled, 'CloseCircleFilled');
export const CloudDownloadOutlined = decorative(AntCloudDownloadOutlined, 'CloudDownloadOutlined');
export const CloudUploadOutlined = decorative(AntCloudUploadOutlined, 'CloudUploadOutlined');
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
export const FormOutlined = decorative(AntFormOutlined, 'FormOutlined');
export const HistoryOutlined = decorative(AntHistoryOutlined, 'HistoryOutlined');
export const LockOutlined = decorative(AntLockOutlined, 'LockOutlined');
export const PaperClipOutlined = decorative(AntPaperClipOutlined, 'PaperClipOutlined');
export const PlusOutlined = decorative(AntPlusOutlined, 'PlusOutlined');
export const PrinterOutlined = decorative(AntPrinterOutlined, 'PrinterOutlined');
export const QuestionCircleFilled = decorative(AntQuestionCircleFilled, 'QuestionCircleFilled');
export const RollbackOutlined = decorative(AntRollbackOutlined, 'RollbackOutlined');
export const SaveOutlined = decorative(AntSaveOutlined, 'SaveOutlined');
export const SearchOutlined = decorative(AntSearchOutlined, 'SearchOutlined');
export const SyncOutlined = decorative(AntSyncOutlined, 'SyncOutlined');
export const UnlockOutlined = decorative(AntUnlockOutlined, 'UnlockOutlined');
export const UpOutlined = decorative(AntUpOutlined, 'UpOutlined');
export const UploadOutlined = decorative(AntUploadOutlined, 'UploadOutlined');
export const UserOutlined = decorative(AntUserOutlined, 'UserOutlined');
export const WarningFilled = decorative(AntWarningFilled, 'WarningFilled');
export const WarningOutlined = decorative(AntWarningOutlined, 'WarningOutlined');
