import type { Citation } from '../policy/knowledgeBase';
import { monthsOfYear, type EnergyReading, type EnergyTraining, type LedgerMonth } from './ledger';

/*
 * The energy duties of 北京市进一步强化节能实施方案 (knowledge-base document
 * `energy-saving-plan`), with the sentences they come from. Line numbers are those of the
 * compilation (resources/policies/source.txt).
 */

export const ENERGY_POLICY_DOCUMENT_TITLE = '北京市进一步强化节能实施方案';

export interface EnergyDuty {
  readonly id: string;
  readonly title: string;
  /** Who the sentence addresses, in its words. */
  readonly appliesTo: string;
  readonly citation: Citation;
  /** false: the text names no day; the user records what the authority told them. */
  readonly statedInText: boolean;
  readonly note: string;
}

export const MONTHLY_SUBMISSION_DUTY: EnergyDuty = {
  id: 'energy-saving-plan/monthly-energy-data',
  title: '向北京市节能监测服务平台报送月度能耗数据',
  appliesTo: '全市重点用能单位',
  citation: {
    ref: '八、第二段',
    lines: { start: 1854, end: 1859 },
    quote: '全市重点用能单位要严格落实节约能源相关法律法规要求，进一步完善节能目标责任制和节能管理制度，优化能源计量器具配置，严格执行向北京市节能监测服务平台报送月度能耗数据的制度。',
  },
  statedInText: false,
  note: '方案要求“严格执行向北京市节能监测服务平台报送月度能耗数据的制度”，但未规定每月报送的具体日期；请按主管部门（市发展改革委）或平台通知的日期设置提醒。',
};

export const DATA_CENTRE_REALTIME_DUTY: EnergyDuty = {
  id: 'energy-saving-plan/data-centre-realtime-power',
  title: '第三方数据中心实时电耗数据接入北京市节能监测服务平台',
  appliesTo: '本市重点用能单位中提供第三方（非自用）数据中心服务的企业',
  citation: {
    ref: '六、（二）第一段',
    lines: { start: 1781, end: 1787 },
    quote: '年底前完成本市重点用能单位中提供第三方(非自用)数据中心服务的企业实时电耗数据接入北京市节能监测服务平台，实现实时准确电耗监测。',
  },
  statedInText: false,
  note: '方案只写“年底前”完成接入，未写明年份和具体日期；正文的目标年为 2021 年（“2021 年能源消费总量控制在 7250 万吨标准煤左右”，第 1673-1675 行）。实时接入由计量系统完成，本应用的月度台账只用于企业自查和留存。',
};

export const ENERGY_TRAINING_DUTY: EnergyDuty = {
  id: 'energy-saving-plan/energy-manager-training',
  title: '加强能源管理负责人节能教育和岗位节能培训',
  appliesTo: '全市重点用能单位',
  citation: {
    ref: '八、第二段',
    lines: { start: 1857, end: 1859 },
    quote: '要加强能源管理负责人节能教育和岗位节能培训。',
  },
  statedInText: false,
  note: '方案未规定培训的学时、频次或证书要求；另据方案四、，市发展改革委针对重点用能单位能源管理负责人开展“节能官”定制化培训（第 1740-1746 行）。',
};

export const ENERGY_DUTIES: readonly EnergyDuty[] = [MONTHLY_SUBMISSION_DUTY, DATA_CENTRE_REALTIME_DUTY, ENERGY_TRAINING_DUTY];

interface MonthCompleteness {
  readonly month: LedgerMonth;
  readonly hasEntries: boolean;
  /** Readings counted (IT sub-meter readings included: they are entries too). */
  readonly entryCount: number;
  readonly energyTypes: readonly string[];
  /** Sites with an entry this month; null stands for company-wide entries. */
  readonly siteIds: readonly (string | null)[];
}

export interface LedgerCompleteness {
  readonly year: number;
  readonly months: readonly MonthCompleteness[];
  readonly monthsWithEntries: readonly LedgerMonth[];
  readonly monthsWithoutEntries: readonly LedgerMonth[];
}

/**
 * Which months of a year have ledger entries. The deadline engine pairs this with the monthly
 * submission duty: a month with no entry once its reminder date has passed shows as overdue.
 * Pass one company's readings (and, to check one site, only that site's).
 */
export function ledgerCompleteness(readings: readonly EnergyReading[], year: number): LedgerCompleteness {
  const months = monthsOfYear(year).map((month) => {
    const ofMonth = readings.filter((r) => r.month === month);
    return {
      month,
      hasEntries: ofMonth.length > 0,
      entryCount: ofMonth.length,
      energyTypes: [...new Set(ofMonth.map((r) => r.energyType))],
      siteIds: [...new Set(ofMonth.map((r) => r.siteId))],
    };
  });
  return {
    year,
    months,
    monthsWithEntries: months.filter((m) => m.hasEntries).map((m) => m.month),
    monthsWithoutEntries: months.filter((m) => !m.hasEntries).map((m) => m.month),
  };
}

export interface EnergyDutyFinding {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  /** The person or training record concerned, if any. */
  readonly entityId: string | null;
  readonly message: string;
}

/**
 * Gaps in the people side of the duties: no 能源管理负责人 on file, a manager with no training in
 * the year, a training record pointing at a person who is not there. Hours are never judged:
 * the text sets none.
 */
/**
 * The people the findings read, not the whole CompanyRecord: the company record sits above the
 * energy ledger (it holds the ledger's records), so energy does not import it.
 */
interface EnergyDutyPeople {
  readonly people: readonly { readonly id: string; readonly name: string; readonly roles: readonly string[] }[];
}

export function energyDutyFindings(record: EnergyDutyPeople, trainings: readonly EnergyTraining[], year: number): EnergyDutyFinding[] {
  const findings: EnergyDutyFinding[] = [];
  const managers = record.people.filter((p) => p.roles.includes('能源管理负责人'));
  if (managers.length === 0) {
    findings.push({
      severity: 'warning',
      code: 'energy.noManager',
      entityId: null,
      message: `尚未登记能源管理负责人（${ENERGY_POLICY_DOCUMENT_TITLE}八、要求加强能源管理负责人节能教育和岗位节能培训）`,
    });
  }
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const manager of managers) {
    if (!trainings.some((t) => t.personId === manager.id && t.date.startsWith(prefix))) {
      findings.push({
        severity: 'info',
        code: 'energy.noTrainingThisYear',
        entityId: manager.id,
        message: `能源管理负责人${manager.name}在 ${year} 年没有节能培训记录（方案未规定学时或频次）`,
      });
    }
  }
  for (const training of trainings) {
    if (!record.people.some((p) => p.id === training.personId)) {
      findings.push({ severity: 'error', code: 'energy.trainingPersonMissing', entityId: training.id, message: `培训记录“${training.course}”（${training.date}）对应的人员不存在（编号 ${training.personId}）` });
    }
  }
  return findings;
}
