import type { Certificate, Company, CompanyEvent, Licence, Person, Store, Vehicle } from './company';

/*
 * The Chinese name of every stored field of the company workspace (company.ts), in the words the
 * forms use. Said once here: the forms' labels and column titles, the change history, the PDF form
 * facts, the deadline subjects, the roster import and the library's 识别并核对 all read this table.
 * Where a place needs more words (a form's hint "（可多选）", a rule's "行驶证注册日期") it adds them
 * around the label; where it deliberately says something else, it names and comments its variant.
 *
 * Typed against the schemas: a new stored field without a label fails the typecheck.
 */

/** Fields that identify a row to the storage or keep its bookkeeping; a person never reads them. */
type Unlabelled = 'id' | 'companyId' | 'createdAt' | 'updatedAt';
type FieldLabels<T> = Readonly<Record<Exclude<keyof T, Unlabelled>, string>>;

interface DomainFieldLabels {
  readonly companies: FieldLabels<Company>;
  readonly people: FieldLabels<Person>;
  readonly licences: FieldLabels<Licence>;
  readonly vehicles: FieldLabels<Vehicle>;
  readonly stores: FieldLabels<Store>;
  readonly events: FieldLabels<CompanyEvent>;
}

/** Labels per stored table, by field. */
export const DOMAIN_FIELD_LABELS: DomainFieldLabels = {
  companies: {
    name: '企业名称', uscc: '统一社会信用代码', legalRepresentative: '法定代表人', registeredAddress: '注册地址（住所）',
    district: '所在区', establishedOn: '成立日期', entityType: '企业类型', industryCode: '行业代码', industryName: '行业名称',
    businessScope: '经营范围', isInFreeTradeZone: '是否位于自贸试验区', employeeCount: '从业人员（人）',
    annualRevenueWanYuan: '营业收入（万元）', totalAssetsWanYuan: '资产总额（万元）', contactPerson: '联系人', contactPhone: '联系电话',
    email: '电子邮箱', note: '备注', answers: '问题回答', overturnedPresumptions: '已推翻的推定',
  },
  people: {
    name: '姓名', idNumber: '居民身份证号码', roles: '岗位', phone: '联系电话', storeId: '工作门店/场所', practiceStoreId: '执业注册地',
    certificates: '资格证书', contractStart: '合同起始日期', contractEnd: '合同终止日期', isContractOpenEnded: '无固定期限劳动合同',
    note: '备注',
  },
  licences: {
    kind: '许可证类型', kindOther: '许可证名称', number: '证书编号', issuer: '发证机关', validFrom: '有效期起', validTo: '有效期止',
    storeId: '对应门店/场所', note: '备注',
  },
  vehicles: {
    plate: '号牌号码', usageNature: '使用性质', registeredOn: '注册日期', inServiceOn: '投入经营日期', filingStatus: '备案状态',
    leftFilingOn: '移出备案日期', model: '品牌型号', vin: '车辆识别代号', vehicleType: '车辆类型', seats: '核定载客（座）',
    isTimeShare: '用于分时租赁', note: '备注',
  },
  stores: {
    name: '名称', kind: '类型', address: '地址', district: '所在区', operatingSince: '在此地址开始经营日期', floorAreaSqm: '面积（平方米）',
    note: '备注',
  },
  events: { kind: '事件类型', date: '日期', subjectId: '涉及', note: '说明' },
};

/**
 * A person's certificate (the values of people.certificates), by field: the person form's words.
 * The PDF form facts say them of the person's first certificate, and the change history inside
 * the 资格证书 field without the repeated 证书 (类型, 编号).
 */
export const CERTIFICATE_FIELD_LABELS: FieldLabels<Certificate> = {
  kind: '证书类型', number: '证书编号', issuer: '发证机关', issuedOn: '发证日期', validTo: '有效期至',
};
