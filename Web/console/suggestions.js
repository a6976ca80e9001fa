// 知识库建议: while the call-taker types the description, the three best articles for the
// caller's words appear beside the form (debounced). Alt+1..3 shows an article in full,
// Alt+Enter answers the call with the article shown (直接答复: the ticket is created as
// answered and the caller gets the answer by SMS). Text nodes only, as everywhere.

import { api, debounce, query } from '/shared/api.js';
import { el, fill } from '/shared/dom.js';

export function knowledgeSuggestions({ description, answer }) {
  const list = el('ol', { class: 'kb-list', id: 'kb-suggestions' });
  const detail = el('div', { class: 'kb-detail', id: 'kb-detail', 'aria-live': 'polite' });
  const HINT = '输入诉求内容后，这里显示知识库中最相关的三条答复。';
  const status = el('p', { class: 'hint', id: 'kb-status' }, HINT);
  const node = el('div', { class: 'panel', id: 'kb-panel' },
    el('h2', {}, '知识库建议'), status, list, detail,
    el('p', { class: 'hint' }, '快捷键：Alt+1/2/3 查看第几条，Alt+Enter 以当前查看的条目直接答复。'));
  let results = [];
  let shown = null;
  let asked = '';

  async function show(index) {
    const hit = results[index];
    if (!hit) return;
    try {
      const article = await api('GET', `/v1/knowledge/${hit.id}`);
      shown = article;
      for (const [i, item] of [...list.children].entries()) item.classList.toggle('current', i === index);
      fill(detail,
        el('h3', { id: 'kb-detail-title' }, article.title),
        article.answer ? el('p', { class: 'kb-answer' }, `短信答复：${article.answer}`) : null,
        el('div', { class: 'kb-body' }, article.body),
        el('div', { class: 'actions' },
          el('button', { type: 'button', class: 'primary', id: 'kb-answer', onclick: () => answer(article) }, '以此直接答复 (Alt+Enter)')));
    } catch (e) {
      fill(detail, el('p', { class: 'error' }, `无法打开：${e.message}`));
    }
  }

  const search = debounce(async () => {
    const q = description.value.trim();
    if (q === asked) return;
    asked = q;
    if (!q) { results = []; shown = null; fill(list); fill(detail); return; }
    try {
      const response = await api('GET', `/v1/knowledge/search${query({ q, limit: 3 })}`);
      if (description.value.trim() !== q) return; // typed on meanwhile
      results = response.results;
      status.textContent = results.length ? '' : '知识库中没有相关条目。';
      fill(list, results.map((hit, i) => el('li', { dataset: { article: hit.id } },
        el('button', { type: 'button', class: 'kb-title', onclick: () => show(i) }, `${i + 1}. ${hit.title}`),
        el('div', { class: 'hint' }, hit.snippet))));
      if (shown && !results.some((hit) => hit.id === shown.id)) { shown = null; fill(detail); }
    } catch { /* the form still works without suggestions */ }
  }, 200);
  description.addEventListener('input', search);

  function onKey(event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (['1', '2', '3'].includes(event.key)) { event.preventDefault(); show(Number(event.key) - 1); }
    if (event.key === 'Enter') {
      event.preventDefault();
      if (shown) answer(shown); else if (results.length) show(0);
    }
  }
  document.addEventListener('keydown', onKey);

  return {
    node,
    reset: () => { asked = ''; results = []; shown = null; status.textContent = HINT; fill(list); fill(detail); },
    close: () => document.removeEventListener('keydown', onKey),
  };
}
