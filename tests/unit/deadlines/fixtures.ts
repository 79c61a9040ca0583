import { companyEventSchema, companySchema, licenceSchema, personSchema, storeSchema, vehicleSchema } from '../../../shared/domain/company';
import type { CompanyRecord } from '../../../shared/domain/companyRecord';
import { knowledgeBaseSchema, type KnowledgeBase } from '../../../shared/policy/knowledgeBase';

/*
 * A knowledge base of deadline rules for the engine's tests, written from the compilation
 * (/work/shared/seed, line numbers as cited) so that every rule kind is exercised independently of
 * the shipped data, which other work maintains.
 */

const doc = (id: string, title: string, lines: [number, number], items: unknown[]) => ({
  id, title, issuers: [], docNumber: null,
  issuedOn: { date: null, isInferred: false, note: '' },
  effectiveOn: { date: '2021-04-01', isInferred: false, note: '' },
  domain: '商贸服务', lines: { start: lines[0], end: lines[1] }, isGovernmentOnly: false, summary: title, items,
});
const cite = (ref: string, start: number, end: number, quote: string) => ({ ref, lines: { start, end }, quote });

const CAR_RENTAL_APPLIES = {
  op: 'any', id: 'car-rental', label: '从事小微型客车租赁经营',
  of: [
    { op: 'fact', id: 'has-filing', label: '持有小微型客车租赁经营备案', fact: 'licence.hasValid', param: '小微型客车租赁经营备案', comparator: 'isTrue' },
    { op: 'fact', id: 'has-vehicles', label: '有租赁车辆', fact: 'vehicles.count', comparator: 'gte', value: 1 },
  ],
};

export const FIXTURE_KB: KnowledgeBase = knowledgeBaseSchema.parse({
  format: 'compliance-workbench/knowledge-base',
  schemaVersion: 1,
  dataVersion: '2026.11.26-1',
  source: { file: 'source.txt', title: 'fixture', lineCount: 6455 },
  documents: [
    doc('car-rental-opinions', '北京市贯彻《小微型客车租赁经营服务管理办法》的实施意见', [2233, 2470], [
      {
        id: 'car-rental-opinions/opening-filing', kind: 'filing', title: '开业备案', summary: '登记后 60 日内申请开业备案',
        citation: cite('三、（三）1.', 2315, 2316, '小微型客车租赁经营者在向市场监督管理部门办理有关登记'),
        appliesWhen: CAR_RENTAL_APPLIES, authority: '区级交通运输管理部门',
        deadlines: [
          {
            id: 'opening-filing-60d', label: '申请开业备案', trigger: { kind: 'event', event: 'marketRegistration', label: '市场监管登记完成' },
            direction: 'after', offset: { amount: 60, unit: 'day' }, actor: 'company', statedInText: true,
            citation: cite('三、（三）1.', 2315, 2317, '在向市场监督管理部门办理有关登记手续或者新设服务机构开展经营活动后60日内'),
          },
        ],
      },
      {
        id: 'car-rental-opinions/filing-change', kind: 'filing', title: '备案变更', summary: '变更之日起 15 日内办理备案变更',
        citation: cite('三、（三）3.', 2331, 2331, '备案事项发生变更的'), appliesWhen: CAR_RENTAL_APPLIES,
        deadlines: [
          {
            id: 'filing-change-15d', label: '办理备案变更', trigger: { kind: 'event', event: 'filingChange', label: '备案事项变更' },
            direction: 'after', offset: { amount: 15, unit: 'day' }, actor: 'company', statedInText: true,
            citation: cite('三、（三）3.', 2331, 2333, '备案事项发生变更的，应当在变更之日起15日内到原备案机构办理备案变更'),
          },
        ],
      },
      {
        id: 'car-rental-opinions/filing-renewal', kind: 'filing', title: '备案届满延续', summary: '有效期到期前 30 日内申请延续',
        citation: cite('三、（三）4.', 2337, 2339, '备案有效期三年'), appliesWhen: CAR_RENTAL_APPLIES,
        deadlines: [
          {
            id: 'renewal-window', label: '申请备案届满延续',
            trigger: { kind: 'factDate', fact: 'licence.validTo', param: '小微型客车租赁经营备案', label: '备案有效期届满' },
            direction: 'window', offset: { amount: 30, unit: 'day' }, actor: 'company', per: 'licence', statedInText: true,
            citation: cite('三、（三）4.', 2337, 2339, '应当在备案有效期到期前30日内，到原备案办理部门申请备案届满延续'),
          },
        ],
      },
      {
        id: 'car-rental-opinions/exit', kind: 'filing', title: '备案企业退出', summary: '终止经营之日起 15 日内办理注销',
        citation: cite('三、（三）5.', 2341, 2343, '小微型客车租赁经营者终止经营的'), appliesWhen: CAR_RENTAL_APPLIES,
        deadlines: [
          {
            id: 'deregister-15d', label: '办理备案注销', trigger: { kind: 'event', event: 'termination', label: '终止经营' },
            direction: 'after', offset: { amount: 15, unit: 'day' }, actor: 'company', statedInText: true,
            citation: cite('三、（三）5.', 2341, 2343, '应当在终止经营之日起15日内，向原备案机构办理备案注销手续'),
          },
          {
            id: 'timeshare-notice-30d', label: '分时租赁终止经营向社会公告', trigger: { kind: 'event', event: 'termination', label: '终止经营' },
            direction: 'before', offset: { amount: 30, unit: 'day' }, actor: 'company', statedInText: true,
            when: { op: 'fact', id: 'timeshare', label: '从事分时租赁', fact: 'vehicles.hasTimeShare', comparator: 'isTrue' },
            citation: cite('三、（三）5.', 2343, 2345, '分时租赁企业终止经营的，应当提前30日向社会公告'),
          },
        ],
      },
      {
        id: 'car-rental-opinions/vehicle-usage', kind: 'duty', title: '租赁车辆使用性质变更', summary: '非营运车辆 2022 年 3 月 31 日前变更为租赁',
        citation: cite('三、（四）1.(2)', 2363, 2365, '2021年4月1日前已备案的非营运性质的租赁车辆'), appliesWhen: CAR_RENTAL_APPLIES,
        deadlines: [
          {
            id: 'usage-conversion', label: '车辆使用性质变更为“租赁”', trigger: { kind: 'fixedDate', date: '2022-03-31', label: '使用性质变更截止日' },
            direction: 'fixed', offset: null, actor: 'company', per: 'vehicle', statedInText: true,
            when: {
              op: 'all', id: 'pre-2021-non-operating', label: '2021年4月1日前已备案的非营运性质车辆',
              of: [
                { op: 'fact', id: 'non-operating', label: '使用性质为非营运', fact: 'vehicle.usageNature', comparator: 'eq', value: '非营运' },
                { op: 'fact', id: 'before-2021-04', label: '2021年4月1日前投入经营', fact: 'vehicle.inServiceOn', comparator: 'lt', value: '2021-04-01' },
              ],
            },
            citation: cite('三、（四）1.(2)', 2363, 2365, '2022年3月31日前将车辆使用性质变更为“租赁”'),
          },
        ],
      },
      {
        id: 'car-rental-opinions/service-life', kind: 'duty', title: '租赁车辆使用年限', summary: '租赁小微型客车使用年限为 15 年',
        citation: cite('三、（七）', 2410, 2410, '租赁小微型客车使用年限为15年'), appliesWhen: CAR_RENTAL_APPLIES,
        deadlines: [
          {
            id: 'service-life-15y', label: '租赁车辆使用年限届满', trigger: { kind: 'factDate', fact: 'vehicle.registeredOn', label: '车辆注册登记' },
            direction: 'after', offset: { amount: 15, unit: 'year' }, actor: 'company', per: 'vehicle', statedInText: true,
            note: '原文未写明起算日，此处按行驶证注册日期起算',
            citation: cite('三、（七）', 2410, 2410, '租赁小微型客车使用年限为15年'),
          },
        ],
      },
    ]),
    doc('pharmacy-designation', '北京市零售药店医疗保障定点管理暂行办法', [4667, 5200], [
      {
        id: 'pharmacy-designation/application', kind: 'application', title: '申请医保定点', summary: '定点申请与评估',
        citation: cite('第七条', 4767, 4770, '零售药店提出定点申请'),
        appliesWhen: { op: 'fact', id: 'pharmacy', label: '零售药店', fact: 'company.industryCode', comparator: 'startsWith', value: 'F5251' },
        deadlines: [
          {
            id: 'supplement-notice-5wd', label: '区经办机构一次性告知补充材料', trigger: { kind: 'event', event: 'designationApplication', label: '提出定点申请' },
            direction: 'after', offset: { amount: 5, unit: 'workday' }, actor: 'authority', statedInText: true,
            citation: cite('第七条', 4767, 4770, '区经办机构自收到材料之日起5个工作日内一次性告知零售药店补充'),
          },
          {
            id: 'reevaluation-after-3m', label: '可再次组织评估', trigger: { kind: 'event', event: 'evaluationResultNotified', label: '评估结果告知送达' },
            direction: 'after', offset: { amount: 3, unit: 'month' }, actor: 'company', statedInText: true, limit: 'earliest',
            citation: cite('第八条', 4798, 4800, '自结果告知送达之日起，整改3个月后可再次组织评估'),
          },
        ],
      },
      {
        id: 'pharmacy-designation/major-change', kind: 'filing', title: '重要信息变更', summary: '批准之日起 30 个工作日内申请变更',
        citation: cite('第三十七条', 5004, 5008, '定点零售药店的名称'),
        appliesWhen: { op: 'fact', id: 'pharmacy', label: '零售药店', fact: 'company.industryCode', comparator: 'startsWith', value: 'F5251' },
        deadlines: [
          {
            id: 'major-change-30wd', label: '向区经办机构提出变更申请', trigger: { kind: 'event', event: 'majorChange', label: '重要信息变更获批' },
            direction: 'after', offset: { amount: 30, unit: 'workday' }, actor: 'company', statedInText: true,
            citation: cite('第三十七条', 5004, 5008, '应自有关部门批准之日起30个工作日内向区经办机构提出变更申请'),
          },
        ],
      },
      {
        id: 'pharmacy-designation/renewal', kind: 'filing', title: '医保协议续签', summary: '协议期满前 3 个月申请续签',
        citation: cite('第三十八条', 5012, 5014, '续签应由定点零售药店于医保协议期满前3个月'),
        appliesWhen: { op: 'fact', id: 'pharmacy', label: '零售药店', fact: 'company.industryCode', comparator: 'startsWith', value: 'F5251' },
        deadlines: [
          {
            id: 'renewal-3m', label: '提出医保协议续签申请',
            trigger: { kind: 'factDate', fact: 'pharmacy.insuranceAgreementEndsOn', label: '医保协议期满' },
            direction: 'before', offset: { amount: 3, unit: 'month' }, actor: 'company', statedInText: true,
            citation: cite('第三十八条', 5012, 5014, '续签应由定点零售药店于医保协议期满前3个月向区经办机构提出申请'),
          },
        ],
      },
    ]),
    doc('energy-saving-plan', '北京市进一步强化节能实施方案', [1652, 1900], [
      {
        id: 'energy-saving-plan/monthly-data', kind: 'reporting', title: '报送月度能耗数据', summary: '重点用能单位每月报送能耗数据',
        citation: cite('八、', 1854, 1857, '严格执行向北京市节能监测服务平台报送月度能耗数据的制度'),
        appliesWhen: { op: 'fact', id: 'key-unit', label: '重点用能单位', fact: 'answer.energy.isKeyEnergyUnit', comparator: 'isTrue' },
        questions: [{ key: 'answer.energy.isKeyEnergyUnit', text: '企业是否为重点用能单位？', type: 'boolean' }],
        deadlines: [
          {
            id: 'monthly-energy-data', label: '向北京市节能监测服务平台报送月度能耗数据', trigger: { kind: 'recurring', every: 'month', label: '每月' },
            direction: 'recurring', offset: null, actor: 'company', statedInText: false,
            note: '原文只说“严格执行向北京市节能监测服务平台报送月度能耗数据的制度”，未规定报送日',
            citation: cite('八、', 1854, 1857, '严格执行向北京市节能监测服务平台报送月度能耗数据的制度'),
          },
        ],
      },
      {
        id: 'energy-saving-plan/data-centre-metering', kind: 'duty', title: '数据中心实时电耗数据接入', summary: '年底前接入平台',
        citation: cite('六、（二）', 1781, 1783, '年底前完成本市重点用能单位中提供第三方(非自用)数据中心服务的企业'),
        appliesWhen: { op: 'fact', id: 'key-unit', label: '重点用能单位', fact: 'answer.energy.isKeyEnergyUnit', comparator: 'isTrue' },
        questions: [{ key: 'answer.energy.isKeyEnergyUnit', text: '企业是否为重点用能单位？', type: 'boolean' }],
        deadlines: [
          {
            id: 'realtime-metering', label: '实时电耗数据接入北京市节能监测服务平台', trigger: { kind: 'none', label: '无' },
            direction: 'unspecified', offset: null, actor: 'company', statedInText: false,
            note: '原文为“年底前完成”，未写明年份',
            citation: cite('六、（二）', 1781, 1783, '年底前完成本市重点用能单位中提供第三方(非自用)数据中心服务的企业实时电耗数据接入'),
          },
        ],
      },
    ]),
    doc('prepaid-card-regulation', '北京市单用途预付卡管理条例', [2000, 2232], [
      {
        id: 'prepaid-card-regulation/seven-day-refund', kind: 'duty', title: '七日内未兑付的退卡', summary: '五日内一次性全额退回预收款',
        citation: cite('第十六条', 2063, 2066, '消费者自购买预付卡之日起七日内未兑付商品或者服务的'),
        deadlines: [
          {
            id: 'refund-within-5-days', label: '一次性全额退回预收款', trigger: { kind: 'none', label: '消费者要求退卡之日' },
            direction: 'after', offset: { amount: 5, unit: 'day' }, actor: 'company', statedInText: true,
            citation: cite('第十六条', 2063, 2066, '经营者应当自消费者要求退卡之日起五日内一次性全额退回预收款'),
          },
        ],
      },
    ]),
    doc('labor-dispatch-commitment', '劳务派遣行政许可告知承诺制', [5280, 5370], [
      {
        id: 'labor-dispatch-commitment/annual-report', kind: 'reporting', title: '报告年度经营情况', summary: '劳务派遣单位报告年度经营情况',
        citation: cite('七、', 5354, 5356, '未报告年度经营情况'),
        appliesWhen: { op: 'fact', id: 'dispatch', label: '持有劳务派遣经营许可证', fact: 'licence.hasValid', param: '劳务派遣经营许可证', comparator: 'isTrue' },
        deadlines: [
          {
            id: 'annual-operations-report', label: '报告年度经营情况', trigger: { kind: 'recurring', every: 'year', label: '每年' },
            direction: 'recurring', offset: null, actor: 'company', statedInText: false,
            note: '原文只提到“未报告年度经营情况”的单位将被检查，未规定报告日期',
            citation: cite('七、', 5354, 5356, '对取得《劳务派遣经营许可证》满一年，但未报告年度经营情况'),
          },
          {
            id: 'licence-check-3m', label: '许可机关实地核查', per: 'licence',
            trigger: { kind: 'factDate', fact: 'licence.validFrom', param: '劳务派遣经营许可证', label: '取得许可证' },
            direction: 'after', offset: { amount: 3, unit: 'month' }, actor: 'authority', statedInText: true,
            citation: cite('六、（二）', 5333, 5336, '应在其取得《劳务派遣经营许可证》后3个月内'),
          },
        ],
      },
    ]),
  ],
});

const NOW = '2021-01-01T00:00:00.000Z';

function company(overrides: Record<string, unknown> = {}) {
  return companySchema.parse({ id: 'c1', name: '北京测试租车有限公司', createdAt: NOW, updatedAt: NOW, ...overrides });
}

export interface RecordParts {
  readonly company?: Record<string, unknown>;
  readonly vehicles?: readonly Record<string, unknown>[];
  readonly licences?: readonly Record<string, unknown>[];
  readonly people?: readonly Record<string, unknown>[];
  readonly stores?: readonly Record<string, unknown>[];
  readonly events?: readonly Record<string, unknown>[];
}

/** A company record from partial entities; ids and companyId are filled in. */
export function record(parts: RecordParts = {}): CompanyRecord {
  const c = company(parts.company);
  const withIds = (rows: readonly Record<string, unknown>[] | undefined, prefix: string) =>
    (rows ?? []).map((r, i) => ({ id: `${prefix}${i + 1}`, companyId: c.id, ...r }));
  return {
    company: c,
    vehicles: withIds(parts.vehicles, 'v').map((v) => vehicleSchema.parse(v)),
    licences: withIds(parts.licences, 'l').map((l) => licenceSchema.parse(l)),
    people: withIds(parts.people, 'p').map((p) => personSchema.parse({ name: '张三', ...p })),
    stores: withIds(parts.stores, 's').map((s) => storeSchema.parse({ name: '门店', kind: '门店', ...s })),
    events: withIds(parts.events, 'e').map((e) => companyEventSchema.parse(e)),
  };
}
