import jpeg from 'jpeg-js';
import { idCheckCharacter } from '../../shared/ocr/checks';
import { usccCheckCharacter } from '../../shared/validation/uscc';
import { Canvas, type Rgb } from './raster';

/*
 * Seeded generator of fictional test scans (issue 18 "How it is checked"): a 营业执照 (副本), a
 * 机动车行驶证 (主页 + 副页), a 居民身份证 photocopied front above back as copiers do, a
 * 药品经营许可证 (正本, a table) and a 执业药师注册证 page, laid out like the real documents,
 * drawn with the shipped Noto font, a red seal, slight rotation, paper noise and JPEG quality 70.
 * Every name, number and address is made up from the lists below; USCCs carry a correct GB 32100
 * and ID numbers a correct GB 11643 check character.
 */

export const SCAN_KINDS = ['营业执照', '行驶证', '身份证', '药品经营许可证', '执业药师注册证'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];

export interface ScanOptions {
  readonly dpi?: number;
  /** Degrees; 180 ± a few for an upside-down scan, 90 or 270 ± a few for a page fed sideways (the image is then taller than wide). */
  readonly angle?: number;
  /** Seal printed over the 住所 / 住址 value. */
  readonly sealOverText?: boolean;
  /** Grey, contrasty, speckled: a photocopy. */
  readonly photocopy?: boolean;
}

export interface GeneratedScan {
  readonly kind: ScanKind;
  readonly seed: number;
  readonly jpeg: Uint8Array;
  readonly truth: Readonly<Record<string, string>>;
  readonly options: Required<ScanOptions>;
}

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const digits = (r: () => number, n: number): string => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');
const pad = (n: number): string => String(n).padStart(2, '0');

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建华', '海燕', '志强', '晓东', '雪梅', '国庆'];
const WORDS = ['华瑞', '恒通', '博远', '中科', '鼎盛', '安泰', '嘉禾', '星辰', '润康', '天宇', '金桥', '新元', '东方', '汇智', '和信', '启明', '长青', '瑞丰', '德润', '宏达'];
const TRADES = ['科技', '医药', '商贸', '物流', '信息技术', '餐饮管理', '建筑工程', '文化传媒', '医疗器械', '汽车服务'];
const TYPES = ['有限责任公司(自然人投资或控股)', '有限责任公司(法人独资)', '股份有限公司(非上市、自然人投资或控股)', '有限责任公司(外商投资企业法人独资)'];
const DISTRICTS = ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '石景山区', '通州区', '昌平区', '大兴区', '顺义区'];
const ROADS = ['建国路', '中关村大街', '学院路', '光华路', '丰台北路', '石景山路', '新华大街', '回龙观西大街', '兴华大街', '府前街'];
const ACTIVITIES = ['技术开发', '技术咨询', '技术服务', '销售电子产品', '计算机系统服务', '货物进出口', '会议服务', '企业管理咨询',
  '销售医疗器械(限一类)', '道路货物运输', '仓储服务(不含危险化学品)', '餐饮服务', '软件开发', '广告设计、代理', '零售药品'];
const CAPITAL = ['100', '200', '500', '1000', '50', '300', '800', '2000'];
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQ';
const PLATE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'.replace(/[IO]/g, '');
const VEHICLE_TYPES = ['小型普通客车', '小型轿车', '轻型厢式货车', '重型厢式货车', '大型普通客车', '小型越野客车'];
const USES = ['非营运', '营运', '货运', '公路客运', '租赁', '预约出租客运'];
const BRANDS = ['大众汽车牌SVW71612BM', '丰田牌TV7250HEV', '福田牌BJ5049XXY-FA', '东风牌DFH5180XXYEX', '宇通牌ZK6119HN1Y', '比亚迪牌BYD7006BEV', '别克牌SGM7157ATA', '江铃牌JX5044XXYTG26'];

function name(r: () => number): string { return pick(r, SURNAMES) + pick(r, GIVEN); }
function date(r: () => number, fromYear: number, toYear: number): { y: number; m: number; d: number } {
  return { y: fromYear + Math.floor(r() * (toYear - fromYear + 1)), m: 1 + Math.floor(r() * 12), d: 1 + Math.floor(r() * 28) };
}
const iso = (t: { y: number; m: number; d: number }): string => `${t.y}-${pad(t.m)}-${pad(t.d)}`;
const cn = (t: { y: number; m: number; d: number }): string => `${t.y}年${pad(t.m)}月${pad(t.d)}日`;

function fictionalUscc(r: () => number): string {
  const body = '911101' + pad(Math.floor(r() * 17) + 1) + Array.from({ length: 9 }, () => pick(r, [...USCC_CHARS])).join('');
  return body + (usccCheckCharacter(body) ?? '0');
}

const INK: Rgb = { r: 28, g: 28, b: 32 };
const RED: Rgb = { r: 215, g: 40, b: 45 };
const FRAME: Rgb = { r: 150, g: 110, b: 70 };

function seal(canvas: Canvas, cx: number, cy: number, radius: number, label: string): void {
  canvas.ring(cx, cy, radius, radius * 0.07, RED, 0.85);
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? radius * 0.28 : radius * 0.11;
    star.push([cx + Math.cos(a) * rr, cy + Math.sin(a) * rr]);
  }
  canvas.polygon([star], RED, 0.85);
  const size = radius * 0.22;
  canvas.text(label, cx - canvas.measure(label, size) / 2, cy + radius * 0.6, size, RED, 0, 0.85);
}

/** Draws `label` spread to `widthMm` (the real documents space short labels out, 名 and 称 far apart). */
function spacedLabel(canvas: Canvas, label: string, x: number, y: number, size: number, widthMm: number): void {
  const chars = [...label].length;
  const natural = canvas.measure(label, size);
  canvas.text(label, x, y, size, INK, chars > 1 ? Math.max(0, (widthMm - natural) / (chars - 1)) : 0);
}

function wrap(text: string, perLine: number): string[] {
  const chars = [...text];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  // Chinese typesetting never starts a line with closing punctuation: it stays at the end of the line before.
  for (let i = 1; i < lines.length; i++) {
    while (/^[。，；、）)]/.test(lines[i]!)) { lines[i - 1] = `${lines[i - 1]!}${lines[i]!.charAt(0)}`; lines[i] = lines[i]!.slice(1); }
  }
  return lines.filter((line) => line !== '');
}

function drawLicence(canvas: Canvas, t: Record<string, string>, options: Required<ScanOptions>, r: () => number): void {
  const W = 297;
  canvas.polygon([[[8, 8], [W - 8, 8], [W - 8, 202], [8, 202]], [[11, 11], [11, 199], [W - 11, 199], [W - 11, 11]]], FRAME, 0.7);
  canvas.text('营业执照', W / 2 - canvas.measure('营业执照', 16, 6) / 2, 42, 16, INK, 6);
  canvas.text('（副　本）', W / 2 - canvas.measure('（副　本）', 5) / 2, 52, 5, INK);
  canvas.text('统一社会信用代码', 24, 40, 4, INK);
  canvas.text(t['统一社会信用代码']!, 24, 47, 4.2, INK);
  const size = 4.2;
  const labelW = 5 * size;
  const left = 30;
  const right = 165;
  let y = 74;
  const row = (x: number, label: string, value: string, yy: number): void => {
    spacedLabel(canvas, label, x, yy, size, labelW);
    canvas.text(value, x + labelW + 6, yy, size, INK);
  };
  row(left, '名称', t['名称']!, y);
  row(right, '注册资本', t['注册资本']!, y);
  y += 12;
  row(left, '类型', t['类型']!, y);
  row(right, '成立日期', t['成立日期raw']!, y);
  y += 12;
  row(left, '法定代表人', t['法定代表人']!, y);
  row(right, '营业期限', t['营业期限raw']!, y);
  y += 12;
  spacedLabel(canvas, '住所', right, y, size, labelW);
  wrap(t['住所']!, 18).forEach((line, i) => canvas.text(line, right + labelW + 6, y + i * 7, size, INK));
  if (options.sealOverText) seal(canvas, right + labelW + 30, y - 2, 16, '测试专用章');
  spacedLabel(canvas, '经营范围', left, y, size, labelW);
  wrap(t['经营范围']!, 21).forEach((line, i) => canvas.text(line, left + labelW + 6, y + i * 7, size, INK));
  canvas.text('登记机关', 200, 172, 4.5, INK);
  const issued = `${t['成立日期raw']!.slice(0, 5)}${pad(1 + Math.floor(r() * 12))}月${pad(1 + Math.floor(r() * 28))}日`;
  canvas.text(issued, 210, 186, 4.5, INK);
  seal(canvas, 236, 172, 19, '登记机关');
  canvas.text('国家企业信用信息公示系统网址：http://www.gsxt.gov.cn', 60, 194, 3, INK);
}

function drawVehicle(canvas: Canvas, t: Record<string, string>, options: Required<ScanOptions>): void {
  // 主页 at (10, 12), 88 × 60 mm; 副页 at (106, 12).
  const x0 = 10, y0 = 12, w = 88, h = 60;
  const size = 2.9;
  canvas.polygon([[[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h]], [[x0 + 0.4, y0 + 0.4], [x0 + 0.4, y0 + h - 0.4], [x0 + w - 0.4, y0 + h - 0.4], [x0 + w - 0.4, y0 + 0.4]]], INK, 0.8);
  const title = '中华人民共和国机动车行驶证';
  canvas.text(title, x0 + w / 2 - canvas.measure(title, 4) / 2, y0 + 7, 4, INK);
  const rowY = (i: number): number => y0 + 15 + i * 6.3;
  const cell = (x: number, i: number, label: string, value: string): void => {
    canvas.text(label, x, rowY(i), size, INK);
    canvas.text(value, x + canvas.measure(label, size) + 2.5, rowY(i), size, INK);
  };
  cell(x0 + 3, 0, '号牌号码', t['号牌号码']!);
  cell(x0 + 45, 0, '车辆类型', t['车辆类型']!);
  cell(x0 + 3, 1, '所有人', t['所有人']!);
  cell(x0 + 3, 2, '住址', t['住址']!);
  if (options.sealOverText) seal(canvas, x0 + 40, rowY(2) - 1, 9, '测试专用章');
  cell(x0 + 3, 3, '使用性质', t['使用性质']!);
  cell(x0 + 40, 3, '品牌型号', t['品牌型号']!);
  cell(x0 + 3, 4, '车辆识别代号', t['车辆识别代号']!);
  cell(x0 + 3, 5, '发动机号码', t['发动机号码']!);
  cell(x0 + 3, 6, '注册日期', t['注册日期']!);
  cell(x0 + 45, 6, '发证日期', t['发证日期']!);
  for (let i = 0; i < 7; i++) canvas.line(x0 + 2, rowY(i) + 1.8, x0 + w - 2, rowY(i) + 1.8, 0.15, INK);
  seal(canvas, x0 + 74, y0 + 50, 8, '车管所');
  const x1 = 106;
  canvas.polygon([[[x1, y0], [x1 + w, y0], [x1 + w, y0 + h], [x1, y0 + h]], [[x1 + 0.4, y0 + 0.4], [x1 + 0.4, y0 + h - 0.4], [x1 + w - 0.4, y0 + h - 0.4], [x1 + w - 0.4, y0 + 0.4]]], INK, 0.8);
  const cell2 = (x: number, i: number, label: string, value: string): void => {
    canvas.text(label, x, y0 + 10 + i * 7, size, INK);
    canvas.text(value, x + canvas.measure(label, size) + 2.5, y0 + 10 + i * 7, size, INK);
  };
  cell2(x1 + 3, 0, '号牌号码', t['号牌号码']!);
  cell2(x1 + 45, 0, '档案编号', t['档案编号']!);
  cell2(x1 + 3, 1, '核定载人数', `${t['核定载人数']!}人`);
  cell2(x1 + 45, 1, '总质量', `${t['总质量']!}kg`);
  cell2(x1 + 3, 2, '整备质量', `${t['整备质量']!}kg`);
  cell2(x1 + 3, 3, '外廓尺寸', t['外廓尺寸']!);
  cell2(x1 + 3, 4, '检验记录', `检验有效期至${t['检验有效期']!}`);
}

function licenceTruth(r: () => number): Record<string, string> {
  const founded = date(r, 2001, 2023);
  const isLongTerm = r() < 0.6;
  const until = { ...founded, y: founded.y + 20, d: Math.max(1, founded.d - 1) };
  const activities = [...ACTIVITIES].sort(() => r() - 0.5).slice(0, 4 + Math.floor(r() * 4));
  return {
    名称: `北京${pick(r, WORDS)}${pick(r, WORDS)}${pick(r, TRADES)}有限公司`,
    统一社会信用代码: fictionalUscc(r),
    类型: pick(r, TYPES),
    法定代表人: name(r),
    注册资本: `${pick(r, CAPITAL)}万元`,
    成立日期: iso(founded),
    成立日期raw: cn(founded),
    营业期限: `${iso(founded)}至${isLongTerm ? '长期' : iso(until)}`,
    营业期限raw: `${cn(founded)}至${isLongTerm ? '长期' : cn(until)}`,
    住所: `北京市${pick(r, DISTRICTS)}${pick(r, ROADS)}${1 + Math.floor(r() * 200)}号${1 + Math.floor(r() * 9)}号楼${1 + Math.floor(r() * 20)}层${100 + Math.floor(r() * 900)}室`,
    经营范围: `${activities.join('；')}。（依法须经批准的项目，经相关部门批准后方可开展经营活动）`,
  };
}

function vehicleTruth(r: () => number): Record<string, string> {
  const registered = date(r, 2008, 2024);
  const issued = r() < 0.7 ? registered : date(r, registered.y, 2025);
  const seats = pick(r, ['5', '5', '7', '2', '3', '49', '9']);
  return {
    号牌号码: `京${pick(r, [...PLATE_LETTERS])}${Array.from({ length: 5 }, () => pick(r, [...PLATE_CHARS])).join('')}`,
    车辆类型: pick(r, VEHICLE_TYPES),
    所有人: `北京${pick(r, WORDS)}${pick(r, TRADES)}有限公司`,
    住址: `北京市${pick(r, DISTRICTS)}${pick(r, ROADS)}${1 + Math.floor(r() * 200)}号`,
    使用性质: pick(r, USES),
    品牌型号: pick(r, BRANDS),
    车辆识别代号: `LSV${Array.from({ length: 14 }, () => pick(r, [...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ'])).join('')}`,
    发动机号码: `${pick(r, ['EA', 'DK', 'CS', 'G4'])}${digits(r, 6)}`,
    注册日期: iso(registered),
    发证日期: iso(issued.y < registered.y || (issued.y === registered.y && iso(issued) < iso(registered)) ? registered : issued),
    核定载人数: seats,
    档案编号: `11${digits(r, 10)}`,
    总质量: String(1200 + Math.floor(r() * 8000)),
    整备质量: String(900 + Math.floor(r() * 3000)),
    外廓尺寸: `${4000 + Math.floor(r() * 3000)}×${1700 + Math.floor(r() * 600)}×${1400 + Math.floor(r() * 1500)}mm`,
    检验有效期: `${2026 + Math.floor(r() * 3)}年${pad(1 + Math.floor(r() * 12))}月`,
  };
}

const BLUE_LABEL: Rgb = { r: 40, g: 105, b: 165 };
const GUILLOCHE: Rgb = { r: 196, g: 214, b: 226 };
const ETHNIC = ['汉', '汉', '汉', '汉', '回', '满', '蒙古', '朝鲜'];
const POLICE = ['东城', '西城', '朝阳', '海淀', '丰台', '石景山', '通州', '昌平', '大兴', '顺义'];
const AREA_CODES = ['110101', '110102', '110105', '110106', '110107', '110108', '110111', '110112', '110113', '110114', '130102', '370202', '420106'];

/** A fictional 公民身份号码: area, birth date, sequence (odd for men), GB 11643 check character. */
export function fictionalIdNumber(r: () => number, birth: { y: number; m: number; d: number }, male: boolean): string {
  const sequence = 10 * Math.floor(r() * 100) + (male ? 1 : 0) + 2 * Math.floor(r() * 5);
  const first17 = `${pick(r, AREA_CODES)}${birth.y}${pad(birth.m)}${pad(birth.d)}${String(sequence).padStart(3, '0')}`;
  return first17 + (idCheckCharacter(first17) ?? '0');
}

function streetAddress(r: () => number): string {
  return `北京市${pick(r, DISTRICTS)}${pick(r, ROADS)}${1 + Math.floor(r() * 200)}号`;
}

function rect(canvas: Canvas, x: number, y: number, w: number, h: number, width: number, color: Rgb): void {
  canvas.line(x, y, x + w, y, width, color);
  canvas.line(x + w, y, x + w, y + h, width, color);
  canvas.line(x + w, y + h, x, y + h, width, color);
  canvas.line(x, y + h, x, y, width, color);
}

/** A photo's place: a grey field with a head and shoulders. */
function portrait(canvas: Canvas, x: number, y: number, w: number, h: number): void {
  canvas.polygon([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], { r: 214, g: 218, b: 224 });
  const head: [number, number][] = [];
  for (let i = 0; i < 48; i++) { const a = (i / 48) * 2 * Math.PI; head.push([x + w / 2 + Math.cos(a) * w * 0.22, y + h * 0.38 + Math.sin(a) * h * 0.2]); }
  canvas.polygon([head], { r: 120, g: 120, b: 126 });
  canvas.polygon([[[x + w * 0.12, y + h], [x + w * 0.22, y + h * 0.66], [x + w * 0.78, y + h * 0.66], [x + w * 0.88, y + h]]], { r: 96, g: 96, b: 104 });
}

function guilloche(canvas: Canvas, x: number, y: number, w: number, h: number, phase: number): void {
  for (let k = 0; k < 5; k++) {
    let px = x, py = y + h * (0.2 + 0.15 * k);
    for (let i = 1; i <= 40; i++) {
      const nx = x + (w * i) / 40;
      const ny = y + h * (0.2 + 0.15 * k) + Math.sin(i / 3 + phase + k) * 2.2;
      canvas.line(px, py, nx, ny, 0.12, GUILLOCHE);
      px = nx; py = ny;
    }
  }
}

function idTruth(r: () => number): Record<string, string> {
  const birth = date(r, 1955, 2004);
  const male = r() < 0.5;
  const issued = date(r, 2008, 2024);
  const age = issued.y - birth.y;
  const years = age < 16 ? 5 : age <= 25 ? 10 : age <= 45 ? 20 : 0;
  const dot = (t: { y: number; m: number; d: number }): string => `${t.y}.${pad(t.m)}.${pad(t.d)}`;
  const until = { ...issued, y: issued.y + years };
  return {
    姓名: name(r),
    性别: male ? '男' : '女',
    民族: pick(r, ETHNIC),
    出生raw: `${birth.y}年${birth.m}月${birth.d}日`,
    住址: `${streetAddress(r)}${1 + Math.floor(r() * 12)}号楼${1 + Math.floor(r() * 6)}单元${100 * (1 + Math.floor(r() * 20)) + 1 + Math.floor(r() * 4)}号`,
    公民身份号码: fictionalIdNumber(r, birth, male),
    签发机关raw: `北京市公安局${pick(r, POLICE)}分局`,
    有效期限: `${iso(issued)}至${years === 0 ? '长期' : iso(until)}`,
    有效期限raw: `${dot(issued)}-${years === 0 ? '长期' : dot(until)}`,
  };
}

/** Front at (7, 6) and back at (7, 70), each 85.6 × 54 mm, as a copier puts both sides of a card on one page. */
function drawIdCard(canvas: Canvas, t: Record<string, string>, options: Required<ScanOptions>, r: () => number): void {
  const w = 85.6, h = 54;
  for (const [x, y] of [[7, 6], [7, 70]] as const) {
    canvas.polygon([[[x, y], [x + w, y], [x + w, y + h], [x, y + h]]], { r: 238, g: 240, b: 240 });
    guilloche(canvas, x + 2, y + 2, w - 4, h - 4, r() * 6);
    rect(canvas, x, y, w, h, 0.25, { r: 150, g: 150, b: 150 });
  }
  const fx = 7, fy = 6;
  const label = 2.5, value = 3.1;
  canvas.text('姓名', fx + 5, fy + 10, label, BLUE_LABEL, 1.2);
  canvas.text(t['姓名']!, fx + 16, fy + 10, value, INK);
  canvas.text('性别', fx + 5, fy + 17, label, BLUE_LABEL, 1.2);
  canvas.text(t['性别']!, fx + 16, fy + 17, value, INK);
  canvas.text('民族', fx + 27, fy + 17, label, BLUE_LABEL, 1.2);
  canvas.text(t['民族']!, fx + 38, fy + 17, value, INK);
  canvas.text('出生', fx + 5, fy + 24, label, BLUE_LABEL, 1.2);
  const birth = /(\d+)年(\d+)月(\d+)日/.exec(t['出生raw']!)!;
  canvas.text(`${birth[1]!} 年 ${birth[2]!} 月 ${birth[3]!} 日`, fx + 16, fy + 24, value, INK);
  canvas.text('住址', fx + 5, fy + 31, label, BLUE_LABEL, 1.2);
  wrap(t['住址']!, 11).forEach((line, i) => canvas.text(line, fx + 16, fy + 31 + i * 5, value, INK));
  canvas.text('公民身份号码', fx + 5, fy + 48, label, BLUE_LABEL, 0.5);
  canvas.text(t['公民身份号码']!, fx + 27, fy + 48, 3.5, INK, 0.45);
  portrait(canvas, fx + 57, fy + 8, 24, 30);
  if (options.sealOverText) {
    // The usual stamp on an ID copy, in red across the address: 仅供…使用.
    canvas.text('仅供办理药品经营许可使用', fx + 14, fy + 37, 4, RED, 0.3, 0.8);
  }
  const bx = 7, by = 70;
  seal(canvas, bx + 14, by + 15, 9, '');
  canvas.text('中华人民共和国', bx + 30, by + 16, 4.4, INK, 0.6);
  canvas.text('居民身份证', bx + 27, by + 29, 6.2, INK, 1.6);
  canvas.text('签发机关', bx + 13, by + 42, label, BLUE_LABEL, 0.5);
  canvas.text(t['签发机关raw']!, bx + 28, by + 42, value, INK);
  canvas.text('有效期限', bx + 13, by + 49, label, BLUE_LABEL, 0.5);
  canvas.text(t['有效期限raw']!, bx + 28, by + 49, value, INK);
}

const DRUG_MODES = ['批发', '零售（连锁）', '零售'];
const DRUG_SCOPES = ['中药饮片', '中成药', '化学药', '生物制品（除疫苗）', '体外诊断试剂（药品）', '麻醉药品和第一类精神药品', '第二类精神药品', '医疗用毒性药品', '蛋白同化制剂、肽类激素'];

function drugTruth(r: () => number): Record<string, string> {
  const until = date(r, 2026, 2030);
  const issued = { ...until, y: until.y - 5 };
  const mode = pick(r, DRUG_MODES);
  const company = mode === '批发' ? `北京${pick(r, WORDS)}${pick(r, WORDS)}医药有限公司` : `北京${pick(r, WORDS)}${pick(r, ['大药房', '医药连锁', '药店'])}有限公司`;
  return {
    证号: `京${mode === '批发' ? 'A' : 'B'}${pick(r, ['A', 'B'])}11${pad(1 + Math.floor(r() * 17))}${String(Math.floor(r() * 1000)).padStart(3, '0')}`,
    企业名称: company,
    统一社会信用代码raw: fictionalUscc(r),
    注册地址: `${streetAddress(r)}${1 + Math.floor(r() * 9)}号楼${1 + Math.floor(r() * 20)}层${100 + Math.floor(r() * 900)}室`,
    法定代表人raw: name(r),
    企业负责人raw: name(r),
    质量负责人raw: name(r),
    仓库地址raw: `${streetAddress(r)}${1 + Math.floor(r() * 9)}号库`,
    经营方式: mode,
    经营范围raw: `${[...DRUG_SCOPES].sort(() => r() - 0.5).slice(0, 3 + Math.floor(r() * 4)).join('、')}`,
    有效期至: iso(until),
    有效期至raw: cn(until),
    发证日期raw: cn(issued),
    签发人raw: name(r),
  };
}

/** 药品经营许可证 正本: a ruled table of label and value cells on A4 landscape. */
function drawDrugLicence(canvas: Canvas, t: Record<string, string>, options: Required<ScanOptions>, r: () => number): void {
  const W = 297;
  canvas.polygon([[[8, 8], [W - 8, 8], [W - 8, 202], [8, 202]], [[11, 11], [11, 199], [W - 11, 199], [W - 11, 11]]], FRAME, 0.7);
  canvas.text('药品经营许可证', W / 2 - canvas.measure('药品经营许可证', 11, 3) / 2, 32, 11, INK, 3);
  canvas.text('（正　本）', W / 2 - canvas.measure('（正　本）', 4.5) / 2, 41, 4.5, INK);
  const size = 4;
  const x0 = 30, x1 = 267, labelW = 38, mid = 150;
  const rows: { label: string; value: string; label2?: string; value2?: string; lines?: number }[] = [
    { label: '企业名称', value: t['企业名称']! },
    { label: '统一社会信用代码', value: t['统一社会信用代码raw']! },
    { label: '注册地址', value: t['注册地址']!, lines: 2 },
    { label: '法定代表人', value: t['法定代表人raw']!, label2: '企业负责人', value2: t['企业负责人raw']! },
    { label: '质量负责人', value: t['质量负责人raw']!, label2: '经营方式', value2: t['经营方式']! },
    { label: '仓库地址', value: t['仓库地址raw']! },
    { label: '经营范围', value: t['经营范围raw']!, lines: 2 },
    { label: '证号', value: t['证号']!, label2: '有效期至', value2: t['有效期至raw']! },
    { label: '发证机关', value: '北京市药品监督管理局', label2: '签发人', value2: t['签发人raw']! },
  ];
  let y = 50;
  const rule = 0.3;
  canvas.line(x0, y, x1, y, rule, INK);
  for (const row of rows) {
    const h = 11 + ((row.lines ?? 1) - 1) * 6.5;
    canvas.text(row.label, x0 + 3, y + 7.2, size * (row.label.length > 6 ? 0.85 : 1), INK, row.label.length <= 2 ? 4 * size / 2 : 0);
    const perLine = row.label2 ? 17 : 40;
    wrap(row.value, perLine).slice(0, row.lines ?? 1).forEach((line, i) => canvas.text(line, x0 + labelW + 4, y + 7.2 + i * 6.5, size, INK));
    if (row.label2 !== undefined) {
      canvas.line(mid + 40, y, mid + 40, y + h, rule, INK);
      canvas.text(row.label2, mid + 43, y + 7.2, size, INK, row.label2.length <= 3 ? 1.5 : 0);
      canvas.text(row.value2!, mid + 43 + labelW - 6, y + 7.2, size, INK);
      canvas.line(mid + 40 + labelW - 9, y, mid + 40 + labelW - 9, y + h, rule, INK);
    }
    canvas.line(x0 + labelW, y, x0 + labelW, y + h, rule, INK);
    y += h;
    canvas.line(x0, y, x1, y, rule, INK);
  }
  canvas.line(x0, 50, x0, y, rule, INK);
  canvas.line(x1, 50, x1, y, rule, INK);
  if (options.sealOverText) seal(canvas, x0 + labelW + 45, 50 + 22 + 6, 15, '测试专用章');
  canvas.text('发证日期', 195, 188, size, INK);
  canvas.text(t['发证日期raw']!, 215, 188, size, INK);
  seal(canvas, 225, 176, 18, '药品监督管理局');
  canvas.text(`日常监管机构：北京市${pick(r, DISTRICTS)}市场监督管理局\u3000\u3000投诉举报电话：12315`, 30, 196, 3, INK);
}

const PHARMACIST_CATEGORIES = ['药学', '中药学', '药学与中药学'];
const PHARMACIST_SCOPES = ['药品经营企业', '药品使用单位', '药品生产企业'];

function pharmacistTruth(r: () => number): Record<string, string> {
  const birth = date(r, 1965, 1998);
  const male = r() < 0.5;
  const until = date(r, 2026, 2030);
  const issued = { ...until, y: until.y - 5 };
  return {
    姓名: name(r),
    性别raw: male ? '男' : '女',
    身份证号raw: fictionalIdNumber(r, birth, male),
    执业类别raw: pick(r, PHARMACIST_CATEGORIES),
    执业范围raw: pick(r, PHARMACIST_SCOPES),
    注册单位: `北京${pick(r, WORDS)}${pick(r, ['大药房有限公司', '医药有限公司', '医药连锁有限公司', '药店有限公司'])}`,
    注册证编号raw: `${pick(r, ['11', '11', '13'])}${digits(r, 2)}${until.y - 5}${digits(r, 6)}`,
    有效期: iso(until),
    有效期raw: cn(until),
    发证日期raw: cn(issued),
  };
}

/** 执业药师注册证: the booklet's inside page, 150 × 105 mm: photo on the left, entries on the right. */
function drawPharmacist(canvas: Canvas, t: Record<string, string>, options: Required<ScanOptions>, r: () => number): void {
  rect(canvas, 4, 4, 142, 97, 0.5, FRAME);
  canvas.text('执业药师注册证', 75 - canvas.measure('执业药师注册证', 6.5, 1.5) / 2, 17, 6.5, INK, 1.5);
  portrait(canvas, 12, 27, 25, 32);
  const colon = r() < 0.5 ? '：' : '';
  const size = 3.5;
  const x = 45, labelW = 5 * size;
  const entry = (i: number, label: string, value: string, xx = x): void => {
    const yy = 30 + i * 8;
    canvas.text(label + colon, xx, yy, size, INK, label.length <= 2 && colon === '' ? 3 * size / 2 : 0);
    canvas.text(value, xx + labelW + 3, yy, size, INK);
  };
  entry(0, '姓名', t['姓名']!);
  entry(0, '性别', t['性别raw']!, x + 45);
  entry(1, '身份证号', t['身份证号raw']!);
  entry(2, '执业类别', t['执业类别raw']!);
  entry(3, '执业范围', t['执业范围raw']!);
  entry(4, '注册单位', t['注册单位']!);
  entry(5, '注册证编号', t['注册证编号raw']!);
  entry(6, '有效期至', t['有效期raw']!);
  if (options.sealOverText) seal(canvas, x + labelW + 25, 30 + 4 * 8 - 1, 11, '测试专用章');
  canvas.text('发证机关', 12, 88, size, INK);
  canvas.text('北京市药品监督管理局', 12 + labelW + 3, 88, size, INK);
  canvas.text('发证日期', 12, 96, size, INK);
  canvas.text(t['发证日期raw']!, 12 + labelW + 3, 96, size, INK);
  seal(canvas, 60, 86, 13, '药品监督管理局');
}

/** Canvas size of each kind, mm. */
const PAGE_MM: Readonly<Record<ScanKind, readonly [number, number]>> = {
  营业执照: [297, 210], 行驶证: [204, 84], 身份证: [100, 131], 药品经营许可证: [297, 210], 执业药师注册证: [150, 105],
};

/** Turns an RGBA raster by `quarters` × 90° clockwise. */
function quarterTurn(width: number, height: number, rgba: Uint8Array, quarters: number): { width: number; height: number; data: Uint8Array } {
  if (quarters % 4 === 0) return { width, height, data: rgba };
  const out = new Uint8Array(rgba.length);
  const clockwise = quarters % 4 === 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [tx, ty] = clockwise ? [height - 1 - y, x] : [y, width - 1 - x];
      out.set(rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4), (ty * height + tx) * 4);
    }
  }
  return { width: height, height: width, data: out };
}

/** Renders one fictional scan; the same seed and options give the same bytes. */
export function generateScan(kind: ScanKind, seed: number, options: ScanOptions = {}): GeneratedScan {
  const r = rng(seed * 7919 + SCAN_KINDS.indexOf(kind) + 1);
  const full: Required<ScanOptions> = {
    dpi: options.dpi ?? 200,
    angle: options.angle ?? (r() - 0.5) * 4,
    sealOverText: options.sealOverText ?? false,
    photocopy: options.photocopy ?? false,
  };
  const truth = kind === '营业执照' ? licenceTruth(r) : kind === '行驶证' ? vehicleTruth(r) : kind === '身份证' ? idTruth(r)
    : kind === '药品经营许可证' ? drugTruth(r) : pharmacistTruth(r);
  const paper: Rgb = full.photocopy ? { r: 236, g: 236, b: 236 } : { r: 246 - r() * 8, g: 243 - r() * 8, b: 236 - r() * 10 };
  // A page fed sideways (90° or 270°, give or take a few) is drawn upright with the small lean and turned as a whole afterwards.
  const normalised = ((full.angle % 360) + 360) % 360;
  const quarter = Math.abs(normalised - 90) <= 20 ? 1 : Math.abs(normalised - 270) <= 20 ? 3 : 0;
  const lean = quarter === 0 ? full.angle : normalised - quarter * 90;
  const [pageW, pageH] = PAGE_MM[kind];
  const canvas = new Canvas(pageW, pageH, full.dpi, lean, paper);
  if (kind === '营业执照') drawLicence(canvas, truth, full, r);
  else if (kind === '行驶证') drawVehicle(canvas, truth, full);
  else if (kind === '身份证') drawIdCard(canvas, truth, full, r);
  else if (kind === '药品经营许可证') drawDrugLicence(canvas, truth, full, r);
  else drawPharmacist(canvas, truth, full, r);
  const { width, height, data } = canvas;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    // Cheap seeded noise (two uniforms ≈ a bell) plus, for a photocopy, grey ink and toner specks.
    const noise = (r() + r() - 1) * (full.photocopy ? 18 : 12);
    const speck = full.photocopy && r() < 0.0015 ? -140 : 0;
    let red = data[i * 3]!, green = data[i * 3 + 1]!, blue = data[i * 3 + 2]!;
    if (full.photocopy) {
      const grey = 0.3 * red + 0.59 * green + 0.11 * blue;
      const contrasty = grey < 170 ? grey * 0.55 : Math.min(255, grey * 1.05);
      red = green = blue = contrasty;
    }
    rgba[i * 4] = Math.max(0, Math.min(255, red + noise + speck));
    rgba[i * 4 + 1] = Math.max(0, Math.min(255, green + noise + speck));
    rgba[i * 4 + 2] = Math.max(0, Math.min(255, blue + noise + speck));
    rgba[i * 4 + 3] = 255;
  }
  const turned = quarterTurn(width, height, rgba, quarter);
  const encoded = jpeg.encode(turned, 70);
  const outTruth = Object.fromEntries(Object.entries(truth).filter(([k]) => !k.endsWith('raw')));
  return { kind, seed, jpeg: new Uint8Array(encoded.data), truth: outTruth, options: full };
}
