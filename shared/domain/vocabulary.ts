/**
 * Closed vocabularies of the domain, with the Chinese words users see. Each list is the single
 * place a value is defined; forms, validation, the workspace schema and the knowledge base's
 * conditions all refer to these.
 */

export const DISTRICTS = [
  '东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区', '门头沟区', '房山区',
  '通州区', '顺义区', '昌平区', '大兴区', '怀柔区', '平谷区', '密云区', '延庆区',
  '北京经济技术开发区',
] as const;
export type District = (typeof DISTRICTS)[number];

/** 企业类型 as printed on a 营业执照. */
export const ENTITY_TYPES = [
  '有限责任公司', '有限责任公司(自然人独资)', '有限责任公司(法人独资)', '股份有限公司',
  '个人独资企业', '合伙企业', '个体工商户', '外商投资企业', '分公司', '其他',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * 岗位 of a person. 执业药师 and 药学技术人员 are distinct because 第五条(二) of the pharmacy
 * designation measures accepts either an 执业药师资格证书 or a 药学/临床药学/中药学 专业技术资格证书.
 */
export const PERSON_ROLES = [
  '法定代表人', '主要负责人', '实际控制人', '执业药师', '药学技术人员', '医保管理人员',
  '能源管理负责人', '质量负责人', '财务负责人', '信息管理人员', '安全管理人员', '其他',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const CERTIFICATE_KINDS = [
  '执业药师资格证书', '执业药师注册证', '药学专业技术资格证书', '临床药学专业技术资格证书',
  '中药学专业技术资格证书', '能源管理培训证书', '节能培训合格证明', '其他',
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/** 使用性质 on a vehicle's 行驶证 (小微型客车租赁实施意见 一、(二)). */
export const VEHICLE_USAGE_NATURES = ['租赁', '非营运', '营运'] as const;
export type VehicleUsageNature = (typeof VEHICLE_USAGE_NATURES)[number];

/**
 * 车辆类型 as the 行驶证 groups passenger cars by size (小型、微型载客汽车: 9 座及以下). Only 小型 and
 * 微型客车 are 小微型客车 in the sense of the car-rental opinions 三、(一) (L2290–2292, "9座及以下的小微型
 * 客车"); buses and trucks can be recorded and are outside those duties.
 */
export const VEHICLE_TYPES = ['小型客车', '微型客车', '中型客车', '大型客车', '货车', '其他'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const VEHICLE_FILING_STATUSES = ['未备案', '已备案', '已移出备案'] as const;
export type VehicleFilingStatus = (typeof VEHICLE_FILING_STATUSES)[number];

export const LICENCE_KINDS = [
  '营业执照', '药品经营许可证', '医疗器械经营许可证', '食品经营许可证', '劳务派遣经营许可证',
  '人力资源服务许可证', '道路运输经营许可证', '小微型客车租赁经营备案', '广播电视节目制作经营许可证',
  '信息网络传播视听节目许可证', '增值电信业务经营许可证', '排污许可证', '其他',
] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

export const STORE_KINDS = ['门店', '经营场所', '办公场所', '数据中心', '厂房', '仓库', '公共建筑', '其他'] as const;

/**
 * Dated events that trigger deadlines. The keys are stable identifiers used by knowledge-base
 * deadline rules; the labels are what users see.
 */
export const EVENT_KINDS = {
  marketRegistration: '市场监管登记完成',
  startOfOperation: '开始经营',
  filing: '备案',
  filingChange: '备案事项变更',
  filingRenewal: '备案延续',
  filingCancellation: '备案注销',
  vehiclesLeftFiling: '车辆移出备案',
  addressChange: '经营地址变更',
  districtChange: '迁移至其他区',
  licenceIssued: '许可证取得',
  licenceExpiry: '许可证到期',
  designationApplication: '提出定点申请',
  designationAccepted: '定点申请受理',
  evaluationResultNotified: '评估结果告知',
  agreementSigned: '医保协议签订',
  majorChange: '重大信息变更',
  suspension: '暂停经营',
  termination: '终止经营',
  prepaidCardIssuanceStart: '开始发行单用途预付卡',
  // Added for the pharmacy designation measures (第二十九条, 第三十九条, 第四十一条) and the car-rental
  // opinions (三、(三)1. "新设服务机构开展经营活动后 60 日内").
  agreementSuspended: '医保协议中止',
  agreementTerminated: '医保协议解除',
  reimbursementClaimSubmitted: '医保费用申报',
  serviceOutletOpened: '新设服务机构开展经营活动',
  other: '其他',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_KEYS = Object.keys(EVENT_KINDS) as EventKind[];
