'use strict';
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('operator');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const form = $('intake');
  let suggested = [];
  let knowledgeEntry = null;

  for (const [value, text] of Object.entries(labels.type)) $('type').append(el('option', { value }, text));
  $('type').value = 'complaint';
  for (const [value, text] of Object.entries(labels.channel)) $('channel').append(el('option', { value }, text));
  $('channel').value = 'call';
  const departments = await Hotline.departmentList();
  $('lead').append(el('option', { value: '' }, '（请选择）'), ...departments.map(d => el('option', { value: d.code }, `${d.name}（${d.code}）`)));

  // Keyboard-first: Enter moves on, Ctrl+Enter takes the call and dispatches, Alt+digit picks a suggestion.
  const order = ['phone', 'name', 'address', 'gridCell', 'content', 'type', 'lead'];
  form.addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit($('dispatch')); return; }
    if (event.key === 'Escape') { event.preventDefault(); reset(); return; }
    if (event.altKey && /^[1-9]$/.test(event.key)) {
      const pick = suggested[Number(event.key) - 1];
      if (pick) { event.preventDefault(); $('lead').value = pick; }
      return;
    }
    if (event.key === 'Enter' && event.target.tagName === 'INPUT') {
      event.preventDefault();
      const next = order[order.indexOf(event.target.id) + 1];
      if (next) $(next).focus();
    }
  });

  // The router's type is a suggestion until the operator picks one; it must not undo that choice at the next keystroke.
  let typeChosen = false;
  $('type').addEventListener('change', () => { typeChosen = true; });

  function reset() {
    form.reset();
    $('type').value = 'complaint';
    typeChosen = false;
    $('channel').value = 'call';
    knowledgeEntry = null;
    $('kbChosen').textContent = '';
    suggested = [];
    $('phone').focus();
  }

  // 来电弹屏: a known caller's tickets of the last twelve months beside the form; what they add to an open one is
  // recorded on it (补充) instead of becoming a second ticket.
  let dialling = null;
  let asked = 0;
  $('phone').addEventListener('input', () => {
    clearTimeout(dialling);
    dialling = setTimeout(callerHistory, 300);
  });

  async function callerHistory() {
    const phone = $('phone').value.trim();
    const mine = ++asked;
    if (phone.replace(/\D/g, '').length < 7) { $('history').replaceChildren(el('p', { className: 'muted' }, '输入来电号码后显示该号码近12个月的工单。')); return; }
    const [y, m, d] = session.today.split('-').map(Number);
    // A year back from 29 February is the 28th.
    const from = `${y - 1}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 ? 28 : d).padStart(2, '0')}`;
    const answer = await api('GET', `/api/v1/tickets?phone=${encodeURIComponent(phone)}&from=${from}&pageSize=10`);
    if (mine !== asked) return;
    if (!answer.ok) { Hotline.message($('history'), answer.problem, true); return; }
    const { items, total } = answer.data;
    if (items.length === 0) { $('history').replaceChildren(el('p', { className: 'muted' }, '该号码近12个月没有工单。')); return; }
    // The whole ticket tells whether it may still be added to: the API names the steps it takes now.
    const views = await Promise.all(items.map(t => api('GET', `/api/v1/tickets/${t.id}`)));
    if (mine !== asked) return;
    $('history').replaceChildren(
      el('p', { className: 'muted' }, `该号码近12个月共 ${total} 件工单${total > items.length ? `，显示最近 ${items.length} 件` : ''}。`),
      el('table', {}, el('tbody', {}, items.map((t, i) => el('tr', { 'data-ticket': t.id },
        el('td', {}, Hotline.ticketLink(t.id)),
        el('td', {}, labels.state[t.state] || t.state),
        el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '—'),
        el('td', {}, t.excerpt),
        el('td', {}, views[i].ok && views[i].data.actions.includes('supplement')
          ? el('button', { type: 'button', className: 'secondary', onclick: () => supplement(t.id) }, '补充到此单') : null))))));
  }

  async function supplement(id) {
    const text = $('content').value.trim();
    if (!text) { Hotline.message($('result'), '请先在诉求内容中记录市民补充的内容。', true); $('content').focus(); return; }
    const answer = await api('POST', `/api/v1/tickets/${id}/supplement`, { text });
    Hotline.message($('result'), answer.ok ? `已补充到工单 ${id}，未另建工单。` : answer.problem, !answer.ok);
    if (answer.ok) reset();
  }

  let typing = null;
  $('content').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(lookUp, 400);
  });

  async function lookUp() {
    const text = $('content').value.trim();
    if (text.length < 2) return;
    const [analysis, knowledge] = await Promise.all([
      api('POST', '/api/v1/analyze', { text, channel: $('channel').value, gridCell: $('gridCell').value || null, address: $('address').value || null }),
      api('GET', `/api/v1/knowledge?limit=5&q=${encodeURIComponent(text)}`),
    ]);
    showSuggestions(analysis);
    showKnowledge(knowledge);
  }

  function showSuggestions(analysis) {
    if (!analysis.ok) { Hotline.message($('suggestions'), analysis.problem, true); return; }
    const a = analysis.data;
    const guesses = [a.department, ...(a.alternatives || [])].filter(Boolean);
    suggested = guesses.map(g => g.code);
    if (a.department && !$('lead').value) $('lead').value = a.department.code;
    if (!typeChosen && labels.type[a.type]) $('type').value = a.type;
    if (a.urgent) $('urgent').checked = true;
    $('suggestions').replaceChildren(...guesses.map((g, i) => el('div', { className: 'suggestion' },
      el('span', {}, `${i + 1}. ${Hotline.departmentName(g.code)}（${g.code}） 置信度 ${Math.round(g.confidence * 100)}%`),
      el('button', { type: 'button', className: 'secondary', onclick: () => { $('lead').value = g.code; } }, `选用 Alt+${i + 1}`))));
    const duplicates = a.duplicates;
    if (!duplicates) {
      $('duplicates').replaceChildren(el('span', { className: 'muted' }, '填写地址或网格后检查重复。'));
    } else if (duplicates.length === 0) {
      $('duplicates').replaceChildren(el('span', { className: 'muted' }, '未发现疑似重复工单。'));
    } else {
      $('duplicates').replaceChildren(...duplicates.map(d => el('div', { className: 'suggestion', 'data-duplicate': d.ticketId },
        el('span', {}, `${d.ticketId}  ${d.excerpt}`),
        el('span', { className: 'muted' }, `相似度 ${Math.round(d.similarity * 100)}% · 受理于 ${Hotline.time(d.acceptedAt)}`))));
    }
  }

  function showKnowledge(knowledge) {
    if (!knowledge.ok) { Hotline.message($('knowledge'), knowledge.problem, true); return; }
    const items = knowledge.data.items;
    if (items.length === 0) { $('knowledge').replaceChildren(el('span', { className: 'muted' }, '知识库中没有相关条目。')); return; }
    $('knowledge').replaceChildren(...items.map(item => el('div', { className: 'kb' },
      el('p', {}, el('strong', {}, item.question)),
      el('p', {}, item.answer),
      el('button', { type: 'button', className: 'secondary', onclick: () => {
        $('answer').value = item.answer;
        knowledgeEntry = item.id;
        $('kbChosen').textContent = `已选用知识库条目：${item.question}`;
        $('type').value = 'consultation';
        typeChosen = true;
      } }, '用此答复直办'))));
  }

  // A dispatch goes in the accepting request: one step, so a call is never left accepted but undispatched.
  async function accept(dispatch) {
    const body = {
      channel: $('channel').value,
      caller: { name: $('name').value || null, phone: $('phone').value || null, anonymous: $('anonymous').checked },
      address: $('address').value, gridCell: $('gridCell').value || null, content: $('content').value,
      type: $('type').value, urgent: $('urgent').checked, dispatch,
    };
    const created = await api('POST', '/api/v1/tickets', body);
    if (!created.ok) { Hotline.message($('result'), `受理失败：${created.problem}`, true); return null; }
    return created.data;
  }

  async function run(step) {
    const buttons = [$('dispatch'), $('acceptOnly'), $('resolve')];
    buttons.forEach(b => { b.disabled = true; });
    try {
      if (step === 'dispatch' && !$('lead').value) { Hotline.message($('result'), '请选择主办单位后再派单。', true); $('lead').focus(); return; }
      if (step === 'resolve' && !$('answer').value.trim()) { Hotline.message($('result'), '请填写直办答复。', true); $('answer').focus(); return; }
      const ticket = await accept(step === 'dispatch' ? { lead: $('lead').value, co: [] } : null);
      if (!ticket) return;
      let text = `已受理，工单编号 ${ticket.number}`;
      if (step === 'dispatch') {
        text += `，已派至${Hotline.departmentName(ticket.lead)}。`;
      } else if (step === 'resolve') {
        const done = await api('POST', `/api/v1/tickets/${ticket.id}/resolve-now`, { answer: $('answer').value, knowledgeEntry });
        text += done.ok ? '，已直接办结。' : `，但直办失败：${done.problem}`;
      } else {
        text += '，待派单。';
      }
      Hotline.message($('result'), text);
      reset();
      refreshRecent();
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  form.addEventListener('submit', event => { event.preventDefault(); run('dispatch'); });
  $('acceptOnly').addEventListener('click', () => run('accept'));
  $('resolve').addEventListener('click', () => run('resolve'));

  async function refreshRecent() {
    const list = await api('GET', '/api/v1/tickets?pageSize=10');
    if (!list.ok) { Hotline.message($('recent'), list.problem, true); return; }
    $('recent').replaceChildren(el('table', {},
      el('tr', {}, ['工单编号', '状态', '类型', '主办单位', '摘要', '受理时间'].map(h => el('th', {}, h))),
      list.data.items.map(t => el('tr', { 'data-ticket': t.id },
        el('td', {}, t.number), el('td', {}, labels.state[t.state] || t.state), el('td', {}, labels.type[t.type] || t.type),
        el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '—'), el('td', {}, t.excerpt), el('td', {}, Hotline.time(t.acceptedAt))))));
  }

  const missedShown = 20;
  const callbackOutcomes = [['reached', '已回拨接通'], ['noAnswer', '回拨未接'], ['invalidNumber', '空号/错号']];

  async function refreshMissed() {
    const missed = await api('GET', `/api/v1/missed-calls?state=open&pageSize=${missedShown}`);
    if (!missed.ok) { Hotline.message($('missed'), missed.problem, true); return; }
    const { items, total } = missed.data;
    const callBack = async (id, outcome) => {
      const answer = await api('POST', `/api/v1/missed-calls/${encodeURIComponent(id)}/callback`, { outcome });
      if (!answer.ok) { Hotline.message($('missed'), answer.problem, true); return; }
      await refreshMissed();
    };
    $('missed').replaceChildren(items.length === 0 ? el('span', { className: 'muted' }, '暂无未回拨的来电。') : el('div', {},
      total > items.length ? el('p', { className: 'muted' }, `共 ${total} 个未回拨，显示最早的 ${items.length} 个。`) : null,
      el('table', {},
        el('tr', {}, ['号码', '来电时间', '已等待', '已回拨', ''].map(h => el('th', {}, h))),
        items.map(m => el('tr', { 'data-missed': m.id },
          el('td', {}, m.from || '未显示号码'), el('td', {}, Hotline.time(m.missedAt)),
          el('td', {}, Hotline.duration(Date.now() - new Date(m.missedAt).getTime())), el('td', { className: 'num' }, `${m.attempts} 次`),
          el('td', {}, m.from ? callbackOutcomes.map(([outcome, label]) =>
            el('button', { type: 'button', className: 'secondary', onclick: () => callBack(m.id, outcome) }, label)) : null))))));
  }

  Hotline.poll(refreshRecent, 5000);
  Hotline.poll(refreshMissed, 15000);
})();
