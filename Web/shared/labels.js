// The API's codes in Chinese, and times as a call-taker reads them.

export const STATUS = {
  received: '待派单', assigned: '已派单', accepted: '处理中', resolved: '已办结', closed: '已关闭',
  unroutable: '待人工派单', cancelled: '已撤销', duplicate: '重复件', answered: '已直接答复', returned: '退单待审核',
};
export const URGENCY = { emergency: '紧急', urgent: '较急', general: '一般' };
export const MAJOR = { accident: '重大事故', disaster: '重大灾害', dispute: '重大纠纷' };
export const HANDLER = { community: '社区自办', department: '部门转办', secretary: '书记负责', volunteer: '志愿者接单' };
export const LEVEL = { community: '社区', street: '街道', district: '区' };
export const ROLE = { lead: '主办', assist: '协办' };
export const RATING = { 1: '满意', 2: '基本满意', 3: '不满意' };
export const CHANNEL = { phone: '电话', web: '网站', app: '应用', grid_patrol: '网格员上报', walk_in: '来访' };
export const EVENT = {
  'ticket.received': '受理', 'ticket.assigned': '派单', 'ticket.accepted': '签收', 'ticket.progress': '进展',
  'ticket.returned': '退单', 'ticket.resolved': '办结', 'ticket.rated': '评价', 'ticket.reopened': '重办',
  'ticket.escalated': '升级', 'ticket.overdue': '逾期', 'ticket.closed': '关闭', 'ticket.unroutable': '无法派单',
  'ticket.cancelled': '撤销', 'ticket.duplicate': '重复件', 'ticket.answered': '直接答复', 'ticket.dispatched': '人工派单', 'ticket.cluster': '聚集预警',
  'ticket.visited': '回访', 'ticket.extension_requested': '申请延期', 'ticket.extension_approved': '延期获批',
  'ticket.extension_rejected': '延期驳回', 'ticket.pause_requested': '申请挂起', 'ticket.paused': '挂起', 'ticket.pause_rejected': '挂起驳回',
  'ticket.resumed': '恢复计时', 'ticket.return_rejected': '退单驳回', 'ticket.summoned': '吹哨', 'ticket.reported_in': '报到', 'ticket.offered': '派志愿者',
};
export const SUPERVISION = { pending: '待审核', approved: '已批准', rejected: '已驳回', resumed: '已恢复' };
export const SMS_KIND = {
  receipt: '受理回执', assigned: '派单通知', resolved: '办结通知', rating_request: '评价邀请', reopened: '重办通知',
  secretary_alert: '书记提醒', overdue: '逾期提醒', grid_task: '网格任务', broadcast: '一键通知', escalated: '升级通知',
  help: '帮助', checkin: '平安打卡', checkin_missed: '打卡未回复', household_alert: '重点户来电', deadline_extended: '延期通知', command_ack: '指令回执',
};
export const RECIPIENT = { resident: '来电人', grid_worker: '网格员', secretary: '社区书记', department: '部门', watcher: '联系人', volunteer: '志愿者' };
export const SMS_STATUS = { pending: '待发送', sending: '发送中', sent: '已发送', delivered: '已送达', failed: '发送失败' };

const pad = (n) => String(n).padStart(2, '0');

/// 11-22 14:05 in the browser's time zone.
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/// Time left until `iso` ("剩 3小时12分") or past it ("超时 25分"), and whether it is past.
export function timeLeft(iso, now = Date.now()) {
  if (!iso) return { text: '—', overdue: false };
  let ms = new Date(iso).getTime() - now;
  const overdue = ms < 0;
  ms = Math.abs(ms);
  const days = Math.floor(ms / 86400000);
  const hours = Math.floor((ms % 86400000) / 3600000);
  const minutes = Math.floor((ms % 3600000) / 60000);
  const span = days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时${minutes}分` : `${minutes}分`;
  return { text: overdue ? `超时 ${span}` : `剩 ${span}`, overdue };
}

/// 0.9234 -> "92.3%"; null -> "—".
export function percent(rate) {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/// The API's phone rule (HotlineDomain PhoneNumber.normalize): a mainland mobile (1[3-9] and 9 more
/// digits) or a landline (0 + 2-3 digit area code + 7-8 digits), with an optional +86/0086 prefix
/// and separators - ( ) . and spaces. Answers the normalized number, or null.
export function normalizePhone(raw) {
  const text = raw.trim();
  let digits = '';
  const groups = [''];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c >= '0' && c <= '9') { digits += c; groups[groups.length - 1] += c; }
    else if (c === '+' && i === 0) continue;
    else if ('-()'.includes(c) || c === ' ' || c === '.') { if (groups[groups.length - 1] !== '') groups.push(''); }
    else return null;
  }
  const mobile = (d) => (/^1[3-9]\d{9}$/.test(d) ? d : null);
  const landline = (d, g) => {
    if (!d.startsWith('0') || d.startsWith('00')) return null;
    let areaLength;
    if (g.length === 2 && g[0].startsWith('0') && g[0] + g[1] === d) areaLength = g[0].length;
    else areaLength = d[1] === '1' || d[1] === '2' ? 3 : 4;
    const area = d.slice(0, areaLength);
    const local = d.slice(areaLength);
    if (area.length < 3 || area.length > 4 || local.length < 7 || local.length > 8 || local[0] === '0') return null;
    return `${area}-${local}`;
  };
  if (mobile(digits)) return digits;
  for (const prefix of ['0086', '86']) {
    if (!digits.startsWith(prefix)) continue;
    const rest = digits.slice(prefix.length);
    if (mobile(rest)) return rest;
    const national = rest.startsWith('0') ? rest : `0${rest}`;
    const nationalGroups = groups[0] === prefix ? groups.slice(1).map((g) => (g.startsWith('0') ? g : `0${g}`)) : [];
    const found = landline(national, nationalGroups);
    if (found) return found;
  }
  return landline(digits, groups);
}

/// 一户一档: colours, member flags and kinds in Chinese.
export const COLOUR = { red: '红色', yellow: '黄色', green: '绿色' };
export const FLAG = { alone: '独居', disability: '残疾', low_income: '低保', unemployed: '失业', chronic: '慢性病' };
export const KIND = { residential: '住户', commercial: '商户' };

/// 11-22 in the browser's time zone (a visit's or a due day).
export function day(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
