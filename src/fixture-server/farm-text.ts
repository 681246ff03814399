/**
 * Deterministic pseudo-random Chinese government prose for generated portals. Everything flows
 * from a seeded PRNG, so the same (seed, site index) always yields byte-identical pages and
 * benchmark runs stay comparable.
 */

/** mulberry32: tiny, fast, good enough for picking words. */
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

export type Rand = () => number;

export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const between = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** [province, ICP abbreviation, 2-digit region code] */
const PROVINCES: readonly (readonly [string, string, string])[] = [
  ['浙江省', '浙', '33'], ['江苏省', '苏', '32'], ['山东省', '鲁', '37'], ['河南省', '豫', '41'],
  ['四川省', '川', '51'], ['湖北省', '鄂', '42'], ['湖南省', '湘', '43'], ['福建省', '闽', '35'],
  ['安徽省', '皖', '34'], ['江西省', '赣', '36'], ['广东省', '粤', '44'], ['河北省', '冀', '13'],
];
const SYLLABLES = '安平宁和兴泰清源阳山河东西南北青云江湖丰宝永昌德化龙凤石桥新华嘉乐长林川溪'.split('');
const SUFFIXES = ['市', '县', '区'];

export interface Identity {
  province: string;
  place: string;
  /** Organ name, e.g. 青阳县人民政府 */
  name: string;
  siteCode: string;
  icp: string;
  gongan: string;
  phone: string;
  address: string;
}

export function identity(r: Rand, index: number): Identity {
  const [province, abbr, code] = pick(r, PROVINCES);
  const place = pick(r, SYLLABLES) + pick(r, SYLLABLES) + pick(r, SUFFIXES);
  const region = `${code}${String(between(r, 1, 99)).padStart(2, '0')}${String(between(r, 1, 99)).padStart(2, '0')}`;
  const digits = (n: number): string => Array.from({ length: n }, () => between(r, 0, 9)).join('');
  return {
    province,
    place,
    name: `${place}人民政府`,
    siteCode: `${region}${String(index % 10000).padStart(4, '0')}`,
    icp: `${abbr}ICP备${between(r, 10000000, 99999999)}号`,
    gongan: `${abbr}公网安备 ${region}${digits(8)}号`,
    phone: `0${between(r, 510, 599)}-${between(r, 2000000, 8999999)}`,
    address: `${province}${place}${pick(r, ['人民路', '府前街', '行政中心', '市民大道'])}${between(r, 1, 300)}号`,
  };
}

const TOPICS = [
  '安全生产', '乡村振兴', '优化营商环境', '生态环境保护', '城乡建设', '义务教育', '医疗卫生', '社会保障',
  '农业农村', '交通运输', '防汛抗旱', '文明城市创建', '数字政府建设', '政务公开', '民生实事', '招商引资',
  '科技创新', '市场监管', '食品安全', '住房保障', '就业创业', '养老服务', '文化旅游', '水利建设',
];
const OPENERS = ['为深入贯彻落实', '根据上级部门关于', '为进一步做好', '按照年度工作部署，围绕', '为切实加强', '近日，我单位围绕'];
const MIDDLES = ['工作要求', '决策部署', '专项行动安排', '重点任务', '目标责任制'];
const CLAUSES = [
  '各乡镇（街道）、各部门要高度重视，切实加强组织领导，明确责任分工',
  '坚持问题导向和目标导向，统筹推进各项工作任务落地见效',
  '进一步完善工作机制，强化督查考核，确保各项措施落到实处',
  '广泛听取社会各界意见建议，不断提升群众的获得感、幸福感和安全感',
  '严格落实属地管理责任，建立健全常态化长效化工作机制',
  '加强政策宣传解读，及时回应社会关切，营造良好社会氛围',
  '对工作中发现的问题建立台账，实行销号管理，限期整改到位',
  '充分发挥示范引领作用，形成可复制可推广的经验做法',
];

export function topic(r: Rand): string {
  return pick(r, TOPICS);
}

/** One paragraph of 3-6 sentences (roughly 250-700 UTF-8 bytes). */
export function paragraph(r: Rand): string {
  const n = between(r, 3, 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`${pick(r, OPENERS)}${topic(r)}${pick(r, MIDDLES)}，${pick(r, CLAUSES)}。`);
  }
  return parts.join('');
}

const TITLES: Record<string, readonly ((place: string, t: string, r: Rand) => string)[]> = {
  xxgk: [
    (p, t) => `关于印发《${p}${t}工作实施方案》的通知`,
    (p, t, r) => `${p}${between(r, 2022, 2024)}年${t}工作情况公示`,
    (p, t) => `${p}关于${t}领域政府信息公开目录的说明`,
    (_p, t, r) => `${t}专项资金${between(r, 2022, 2024)}年度使用情况公开`,
  ],
  bsfw: [
    (_p, t) => `${t}相关事项办事指南`,
    (p, t) => `${p}${t}服务事项清单`,
    (_p, t) => `关于调整${t}业务办理时间的公告`,
  ],
  hdjl: [
    (_p, t) => `关于${t}问题的网民留言答复`,
    (p, t, r) => `${p}${between(r, 2022, 2024)}年第${between(r, 1, 12)}期“${t}”在线访谈`,
    (_p, t) => `${t}政策意见征集结果反馈`,
  ],
  xwdt: [
    (p, t) => `${p}召开${t}工作推进会`,
    (p, t) => `${p}主要领导调研${t}工作`,
    (_p, t) => `我县（区）${t}工作取得阶段性成效`,
    (p, t) => `${p}举办${t}专题培训班`,
  ],
};

export function title(r: Rand, column: string, place: string): string {
  const makers = TITLES[column] ?? TITLES['xwdt']!;
  return pick(r, makers)(place, topic(r), r);
}
