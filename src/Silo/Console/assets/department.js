'use strict';
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('department');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const departments = await Hotline.departmentList();
  let code = session.department;
  if (!code) {
    $('pick').hidden = false;
    $('department').append(...departments.map(d => el('option', { value: d.code }, d.name)));
    code = location.hash.slice(1) || departments[0].code;
    $('department').value = code;
    $('department').addEventListener('change', () => { code = $('department').value; page = 1; location.hash = code; refresh(); });
  }

  let queue = [];
  let offered = {};
  let page = 1;
  const size = 20;

  function colour(t) {
    const overdue = t.replyBy && new Date(t.replyBy).getTime() < Date.now() && t.state !== 'awaitingResident';
    if (t.redFor.includes(code) || overdue) return 'red';
    if (t.yellowFor.includes(code)) return 'yellow';
    return 'green';
  }

  function deadlineOf(t) { return t.state === 'dispatched' ? t.signBy || t.replyBy : t.replyBy; }

  function actions(t, note) {
    const act = async (step, body, done) => {
      const answer = await api('POST', `/api/v1/tickets/${t.id}/${step}`, body());
      Hotline.message($('result'), answer.ok ? `${t.number}：${done}` : `${t.number}：${answer.problem}`, !answer.ok);
      await refresh();
    };
    const text = () => note.value.trim();
    const extra = el('select', { 'aria-label': '延期天数' }, [1, 2, 3, 5].map(n => el('option', { value: `${n}.00:00:00` }, `${n}个工作日`)));
    // Only the steps the API offers for this ticket now (TicketOffers, as on the ticket's own page), so a card never
    // shows a button the API would refuse; the others stay on the ticket's page behind its link.
    const may = step => (offered[t.id] || []).includes(step);
    const buttons = [];
    if (may('sign')) {
      buttons.push(el('button', { type: 'button', onclick: () => act('sign', () => ({ department: code }), '已签收') }, '签收'));
    }
    if (may('reply')) {
      buttons.push(el('button', { type: 'button', onclick: () => act('reply', () => ({ department: code, result: text() }), '已办结反馈') }, '办结反馈'));
    }
    if (may('await-resident')) {
      buttons.push(el('button', { type: 'button', className: 'secondary', onclick: () => act('await-resident', () => ({ text: text() }), '已请市民补充信息，时限暂停') }, '补办'));
    }
    if (may('extension')) {
      buttons.push(extra, el('button', { type: 'button', className: 'secondary',
        onclick: () => act('extension', () => ({ department: code, extra: extra.value, reason: text() }), '已申请延期，等待督查审批') }, '申请延期'));
    }
    if (may('return')) {
      buttons.push(el('button', { type: 'button', className: 'secondary', onclick: () => act('return', () => ({ department: code, reason: text() }), '已退单') }, '退单'));
    }
    return buttons;
  }

  function render() {
    $('queue').replaceChildren(...(queue.length === 0 ? [el('p', { className: 'muted' }, '暂无待办工单。')] : queue.map(t => {
      const note = el('textarea', { 'aria-label': '办理结果或说明', placeholder: '办理结果 / 退单理由 / 延期或补办说明', style: 'min-height:50px' });
      return el('article', { className: `card ${colour(t)}`, 'data-ticket': t.id },
        el('h3', {}, el('span', {}, Hotline.ticketLink(t.id), t.urgent ? ' 【急】' : ''), el('span', { className: 'countdown', 'data-deadline': deadlineOf(t) || '' }, Hotline.countdown(deadlineOf(t)))),
        el('p', {}, `${labels.state[t.state] || t.state} · ${labels.type[t.type] || t.type} · ${t.lead === code ? '主办' : '协办'}${t.supervised ? ' · 督办' : ''}${t.urged ? ` · 催办 ${t.urged} 次` : ''}`),
        el('p', {}, t.excerpt),
        el('p', { className: 'muted' }, `${t.address || ''} · 受理于 ${Hotline.time(t.acceptedAt)}`),
        note,
        el('div', { className: 'row' }, actions(t, note)));
    })));
  }

  async function refresh() {
    const [answer, loads] = await Promise.all([api('GET', `/api/v1/departments/${code}/queue?page=${page}&pageSize=${size}`),
      api('GET', '/api/v1/departments')]);
    $('title').textContent = `${Hotline.departmentName(code)} · 待办工单`;
    if (!answer.ok) { Hotline.message($('queue'), answer.problem, true); return; }
    const load = loads.ok ? loads.data.find(d => d.code === code) : null;
    if (load) {
      const badge = (n, kind, title) => el('span', { className: `badge ${n ? kind : 'green'}`, title }, `${title} ${n}`);
      $('load').replaceChildren(`在办 ${load.open} `, badge(load.overdue, 'red', '超期'), ' ', badge(load.yellow, 'yellow', '黄牌'), ' ',
        badge(load.red, 'red', '红牌'));
    }
    const active = document.activeElement;
    // Do not re-render under the handler's fingers: the text being typed would be lost.
    const typing = active && active.tagName === 'TEXTAREA' && active.value && queue.length;
    queue = answer.data.items;
    offered = answer.data.actions;
    if (typing) return;
    render();
    $('pages').replaceChildren(Hotline.pager(page, size, answer.data.total, n => { page = n; refresh(); }));
  }

  // The month's rates and assessment change slowly; they are read once a minute, not with every poll of the queue.
  async function refreshRecord() {
    const answer = await api('GET', `/api/v1/departments/${code}/record`);
    if (!answer.ok) { Hotline.message($('record'), answer.problem, true); return; }
    const { rates: r, assessment: a, month } = answer.data;
    const kpi = (id, name, value) => el('div', { className: 'kpi', id: `record-${id}` }, el('div', { className: 'value' }, value), el('div', { className: 'name' }, name));
    $('record').replaceChildren(
      kpi('score', `${month} 考核得分`, a ? a.score : '—'),
      kpi('rank', '排名', a ? (a.rank || '不排名') : '—'),
      kpi('signOnTime', '签收及时率', Hotline.percent(r.signOnTimeRate)),
      kpi('onTime', '按时办结率', Hotline.percent(r.onTimeRate)),
      kpi('satisfaction', '满意率', Hotline.percent(r.satisfactionRate)),
      kpi('return', '退单率', Hotline.percent(r.returnRate)),
      kpi('redispatch', '改派率', Hotline.percent(r.redispatchRate)),
      kpi('reopen', '重办率', Hotline.percent(r.reopenRate)));
    const d = a && a.deductions;
    $('deductions').replaceChildren(!d ? el('p', { className: 'muted' }, '本月暂无考核案件。') : el('ul', {},
      el('li', {}, `超期扣分 ${d.overdue.points}（超期 ${d.overdue.days} 个工作日）`),
      el('li', {}, `办结率扣分 ${d.completion.points}（应办结 ${d.completion.due} 件，已办结 ${d.completion.completed} 件）`),
      ...d.complaints.map(c => el('li', {}, `有效投诉扣分 ${c.points}：${c.note}`, c.ticketId ? [' ', Hotline.ticketLink(c.ticketId)] : null))));
  }

  Hotline.poll(refreshRecord, 60000);
  if (!session.department) $('department').addEventListener('change', refreshRecord);

  setInterval(() => {
    for (const node of document.querySelectorAll('.countdown')) node.textContent = Hotline.countdown(node.dataset.deadline || null);
  }, 1000);
  Hotline.poll(refresh, 5000);
})();
