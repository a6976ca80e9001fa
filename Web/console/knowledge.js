// 知识库: the articles operators answer from. Admins edit every article, a department key its
// own department's; operators read them. Below, the questions asked this week that no article
// answered (本周未能答复的问题), so departments know what to write next.

import { api, query, ApiError } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';

const FIELDS = [
  ['title', '标题', 'input'], ['answer', '短信答复', 'input'], ['body', '正文', 'textarea'],
  ['keywords', '关键词（逗号分隔）', 'input'], ['categories', '分类代码（逗号分隔）', 'input'],
  ['department', '所属部门', 'input'], ['validFrom', '生效日期', 'input'], ['validTo', '失效日期', 'input'],
];

const ACTIONS = { created: '创建', updated: '修改', deleted: '删除' };

export function knowledgeView({ me, jurisdiction }) {
  const canEdit = me.role === 'admin' || me.role === 'department';
  const table = el('tbody', { id: 'kb-articles' });
  const editor = el('div', { id: 'kb-editor' });
  const questions = el('tbody', { id: 'kb-unanswered' });
  const node = el('div', { class: 'knowledge' },
    el('div', { class: 'panel' },
      el('h2', {}, '知识库条目'),
      canEdit ? el('div', { class: 'actions' }, el('button', { type: 'button', id: 'kb-new', onclick: () => edit(null) }, '新建条目')) : null,
      el('table', {}, el('thead', {}, el('tr', {}, ['标题', '部门', '有效期', '版本', '答复次数'].map((h) => el('th', {}, h)))), table)),
    editor,
    el('div', { class: 'panel' }, el('h2', {}, '本周未能答复的问题'),
      el('table', {}, el('thead', {}, el('tr', {}, ['来电时间', '工单号', '问题', '说明'].map((h) => el('th', {}, h)))), questions)));

  const departmentName = (code) => (jurisdiction.departments.find((d) => d.code === code) || {}).name || code || '—';

  async function load() {
    try {
      const { articles } = await api('GET', `/v1/knowledge${query({ limit: 500 })}`);
      fill(table, articles.map((a) => el('tr', { tabindex: 0, dataset: { article: a.id }, onclick: () => edit(a.id) },
        el('td', {}, a.title, a.validToday ? null : el('span', { class: 'badge' }, ' 已失效')),
        el('td', {}, departmentName(a.department)),
        el('td', {}, `${a.validFrom || '不限'} 至 ${a.validTo || '不限'}`),
        el('td', {}, `v${a.version}`), el('td', {}, String(a.answeredCalls)))));
    } catch (e) { fill(table, el('tr', {}, el('td', { colspan: 5, class: 'error' }, e.message))); }
    try {
      const { questions: rows } = await api('GET', '/v1/knowledge/unanswered');
      fill(questions, rows.length ? rows.map((q) => el('tr', {},
        el('td', {}, new Date(q.askedAt).toLocaleString('zh-CN')), el('td', {}, q.number), el('td', {}, q.question),
        el('td', {}, q.answerRejected ? '答复后不满意' : '无可用条目')))
        : el('tr', {}, el('td', { colspan: 4, class: 'hint' }, '本周暂无。')));
    } catch (e) { fill(questions, el('tr', {}, el('td', { colspan: 4, class: 'error' }, e.message))); }
  }

  async function edit(id) {
    const article = id ? await api('GET', `/v1/knowledge/${id}`) : { department: me.department || '' };
    const inputs = {};
    const error = el('p', { class: 'error', id: 'kb-error', role: 'alert' });
    const form = el('form', { class: 'panel', id: 'kb-form', novalidate: true },
      el('h2', {}, id ? `编辑：${article.title}` : '新建条目'),
      FIELDS.map(([name, label, tag]) => {
        const value = Array.isArray(article[name]) ? article[name].join('，') : (article[name] || '');
        inputs[name] = el(tag, { id: `kb-f-${name}`, value, disabled: !canEdit || (name === 'department' && me.role === 'department') });
        if (tag === 'textarea') inputs[name].value = value;
        return el('div', { class: 'field' }, el('label', { for: `kb-f-${name}` }, label), inputs[name]);
      }),
      id ? el('p', { class: 'hint' }, `版本记录：${article.history.map((v) => `v${v.version} ${ACTIONS[v.action] || v.action} · ${v.by} · ${new Date(v.at).toLocaleString('zh-CN')}`).join('；')}`) : null,
      error,
      canEdit ? el('div', { class: 'actions' },
        el('button', { class: 'primary', type: 'submit', id: 'kb-save' }, '保存'),
        id ? el('button', { type: 'button', id: 'kb-delete', onclick: () => remove(id) }, '删除') : null) : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const list = (text) => text.split(/[,，、\s]+/).map((s) => s.trim()).filter(Boolean);
      const body = { title: inputs.title.value, body: inputs.body.value, keywords: list(inputs.keywords.value), categories: list(inputs.categories.value) };
      for (const name of ['answer', 'department', 'validFrom', 'validTo']) if (inputs[name].value.trim()) body[name] = inputs[name].value.trim();
      try {
        await api(id ? 'PUT' : 'POST', id ? `/v1/knowledge/${id}` : '/v1/knowledge', body);
        fill(editor);
        load();
      } catch (e) {
        error.textContent = e instanceof ApiError && e.fields.length ? e.fields.map((f) => `${f.field}：${f.message}`).join('；') : e.message;
      }
    });
    fill(editor, form);
    inputs.title.focus();
  }

  async function remove(id) {
    try { await api('DELETE', `/v1/knowledge/${id}`); fill(editor); load(); } catch (e) { fill(editor, el('p', { class: 'error' }, e.message)); }
  }

  load();
  return { node };
}
