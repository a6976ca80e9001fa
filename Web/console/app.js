// The console's shell: sign-in, the views a role may open, and one live event stream that the
// open view listens to. Views live in their own modules and answer { node, onEvent, onSync }.

import { api, signIn, storedKey, forgetKey, followEvents, ApiError } from '/shared/api.js';
import { el, fill, $ } from '/shared/dom.js';
import { intakeView } from '/console/intake.js';
import { queueView } from '/console/queue.js';
import { ticketView } from '/console/ticket.js';
import { tasksView } from '/console/tasks.js';
import { followUpView } from '/console/followup.js';
import { knowledgeView } from '/console/knowledge.js';
import { whatIfView } from '/console/whatif.js';
import { reportsView } from '/console/reports.js';
import { householdsView, householdView } from '/console/households.js';
import { topicsView } from '/console/topics.js';

const VIEWS = {
  operator: [['intake', '受理'], ['queue', '工单'], ['followup', '回访'], ['households', '一户一档'], ['knowledge', '知识库'], ['reports', '考核报表'], ['topics', '每月一题']],
  admin: [['intake', '受理'], ['queue', '工单'], ['followup', '回访'], ['households', '一户一档'], ['knowledge', '知识库'], ['reports', '考核报表'], ['topics', '每月一题'], ['whatif', '规则推演']],
  department: [['tasks', '部门任务'], ['knowledge', '知识库']],
};

const session = { me: null, jurisdiction: null, view: null, stream: null };

function showSignIn(message) {
  fill($('#nav'));
  fill($('#who'));
  const key = el('input', { id: 'signin-key', type: 'password', autocomplete: 'current-password', required: true, placeholder: 'hk_…' });
  const error = el('p', { class: 'error', id: 'signin-error', role: 'alert' }, message || '');
  const form = el('form', { class: 'panel signin', id: 'signin-form' },
    el('h2', {}, '登录'),
    el('p', { class: 'muted' }, '请输入 API 密钥（仅保存在本浏览器会话中）。'),
    el('div', { class: 'field' }, el('label', { for: 'signin-key' }, 'API 密钥'), key),
    error,
    el('div', { class: 'actions' }, el('button', { class: 'primary', type: 'submit', id: 'signin-submit' }, '登录')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await signIn(key.value.trim());
      await start();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? '密钥无效或已吊销' : `登录失败：${e.message}`;
    }
  });
  fill($('#main'), form);
  key.focus();
}

async function start() {
  try {
    session.me = await api('GET', '/v1/me');
  } catch (e) {
    forgetKey();
    showSignIn(e instanceof ApiError && e.status === 401 ? '会话已失效，请重新登录' : '');
    return;
  }
  session.jurisdiction = await api('GET', '/v1/jurisdiction');
  const { me } = session;
  fill($('#who'), `${me.name} · ${{ operator: '话务员', admin: '管理员', department: '部门' }[me.role]}${me.departmentName ? ` · ${me.departmentName}` : ''}`,
    el('button', { id: 'signout', onclick: signOut }, '退出'));
  if (!session.stream) {
    session.stream = followEvents({
      onEvent: (event) => session.view && session.view.onEvent && session.view.onEvent(event),
      onSync: () => session.view && session.view.onSync && session.view.onSync(),
      onState: (state) => { $('#live-state').textContent = state === 'live' ? '● 实时' : '○ 重连中…'; },
    });
  }
  route();
}

function signOut() {
  forgetKey();
  if (session.stream) session.stream.stop();
  if (session.view && session.view.close) session.view.close();
  Object.assign(session, { me: null, view: null, stream: null });
  history.replaceState(null, '', location.pathname);
  showSignIn();
}

window.addEventListener('hashchange', route);

/// `#/queue`, `#/ticket/<id>`... The hash holds views and ticket ids, never the key.
function route() {
  if (!session.me) return;
  const allowed = VIEWS[session.me.role] || [];
  const [name, arg] = location.hash.replace(/^#\/?/, '').split('/');
  const household = name === 'household' && allowed.some(([n]) => n === 'households');
  const current = name === 'ticket' ? 'ticket' : household ? 'household' : allowed.some(([n]) => n === name) ? name : allowed[0][0];
  const section = current === 'household' ? 'households' : current;
  fill($('#nav'), allowed.map(([n, label]) => el('a', {
    href: `#/${n}`, class: n === section ? 'current' : '', 'aria-current': n === section ? 'page' : null, dataset: { view: n },
  }, label)));
  const context = {
    me: session.me, jurisdiction: session.jurisdiction,
    open: (id) => { location.hash = `#/ticket/${id}`; },
    openHousehold: (code) => { location.hash = `#/household/${encodeURIComponent(code)}`; },
  };
  const factories = {
    intake: intakeView, queue: queueView, followup: followUpView, knowledge: knowledgeView, reports: reportsView, topics: topicsView, tasks: tasksView,
    whatif: whatIfView, households: householdsView, ticket: (c) => ticketView(c, arg), household: (c) => householdView(c, decodeURIComponent(arg || '')),
  };
  if (session.view && session.view.close) session.view.close();
  session.view = factories[current](context);
  fill($('#main'), session.view.node);
  if (session.view.focus) session.view.focus();
}

if (storedKey()) start(); else showSignIn();
