// Photos of a ticket. Their bytes need the key in a header, so each is fetched and shown as a
// data: URL (the pages' Content-Security-Policy allows images from this origin and data: only).

import { storedKey } from './api.js';
import { el } from './dom.js';
import { time } from './labels.js';

const ROLE = { operator: '话务员', admin: '管理员', department: '部门', grid: '网格员', secretary: '社区书记', open311: '群众' };

/// One <figure> per attachment ({id, url, uploadedBy, role, createdAt}), in order.
export async function photoFigures(attachments) {
  return Promise.all(attachments.map(async (a) => {
    const response = await fetch(a.url, { headers: { Authorization: `Bearer ${storedKey() || ''}` }, cache: 'no-store' });
    if (!response.ok) return el('figure', {}, el('figcaption', {}, '照片无法读取'));
    const blob = await response.blob();
    const src = await new Promise((resolve) => { const r = new FileReader(); r.onload = () => resolve(r.result); r.readAsDataURL(blob); });
    const who = `${ROLE[a.role] || a.role} ${a.uploadedBy}`;
    return el('figure', { dataset: { attachment: a.id } },
      el('img', { src, alt: `${who}上传的现场照片` }),
      el('figcaption', {}, `${who} · ${time(a.createdAt)}`));
  }));
}
