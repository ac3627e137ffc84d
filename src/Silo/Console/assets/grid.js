'use strict';
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('grid');
  if (!session) return;
  const $ = id => document.getElementById(id);
  await Hotline.departmentList();
  let cell = session.gridCell;
  let ticketPage = 1;
  const ticketPageSize = 20;
  if (!cell) {
    $('pick').hidden = false;
    cell = decodeURIComponent(location.hash.slice(1)) || '';
    $('cell').value = cell;
    $('cell').addEventListener('change', () => { cell = $('cell').value.trim(); ticketPage = 1; location.hash = encodeURIComponent(cell); refresh(); });
  }

  // The count and the table come from one answer, so they always speak of the same tickets.
  async function refreshCell() {
    const answer = await api('GET', `/api/v1/grid/${encodeURIComponent(cell)}?page=${ticketPage}&pageSize=${ticketPageSize}`);
    if (!answer.ok) { Hotline.message($('summary'), answer.problem, true); return; }
    const g = answer.data;
    const place = g.street ? `${g.street} · ${g.community} · ${g.name} · ` : '';
    $('summary').replaceChildren(el('p', {}, `${place}网格员：${g.gridWorkers.length ? g.gridWorkers.join('、') : '—'} · 在办工单 ${g.openTickets.total} · 收件箱 ${g.inboxSize}`));
    // A ticket settled off the last page leaves it empty: the page before it is shown.
    if (g.openTickets.items.length === 0 && ticketPage > 1) { ticketPage--; await refreshCell(); return; }
    renderTickets(g.openTickets.items);
    $('ticketPages').replaceChildren(Hotline.pager(ticketPage, ticketPageSize, g.openTickets.total, n => { ticketPage = n; refreshCell(); }));
    const m = g.measures;
    const kpi = (id, name, value) => el('div', { className: 'kpi', id: `grid-${id}` }, el('div', { className: 'value' }, value), el('div', { className: 'name' }, name));
    $('measures').replaceChildren(kpi('selfResolution', '网格自处置率', Hotline.percent(m.selfResolutionRate)),
      kpi('collected', '收集诉求', m.requestsCollected), kpi('settled', '现场处置', m.settledByGridWorker),
      kpi('ticketed', '转为工单', m.ticketed), kpi('patrolled', '巡查上报', m.patrolled), kpi('dismissed', '非诉求', m.dismissed));
  }

  async function refreshInbox() {
    const answer = await api('GET', `/api/v1/grid/${encodeURIComponent(cell)}/inbox`);
    if (!answer.ok) { Hotline.message($('inbox'), answer.problem, true); return; }
    const items = answer.data.items || [];
    $('inbox').replaceChildren(items.length === 0 ? el('p', { className: 'muted' }, '收件箱为空。') : el('table', {},
      el('tr', {}, ['群', '居民', '内容', '已等待', '建议单位', ''].map(h => el('th', {}, h))),
      items.map(m => {
        const note = el('input', { 'aria-label': '说明', placeholder: '现场处置说明或忽略原因' });
        const type = typeSelect('工单类型', m.suggestedType);
        const lead = departmentSelect('派往单位', m.suggestedDepartment);
        const act = async (step, body, done) => {
          const result = await api('POST', `/api/v1/grid/${encodeURIComponent(cell)}/inbox/${encodeURIComponent(m.messageId)}/${step}`, body);
          Hotline.message($('result'), result.ok ? done : result.problem, !result.ok);
          await refresh();
        };
        return el('tr', { 'data-message': m.messageId },
          el('td', {}, m.groupName || m.groupId), el('td', {}, m.senderName), el('td', {}, m.text),
          el('td', {}, Hotline.duration((m.waitingSeconds || 0) * 1000)),
          el('td', {}, m.suggestedDepartment ? Hotline.departmentName(m.suggestedDepartment) : '—'),
          el('td', {}, el('div', { className: 'row' },
            type, lead,
            el('button', { type: 'button', onclick: () => act('ticket', { type: type.value, dispatch: lead.value || null }, '已转为工单') }, '转为工单'),
            note, el('button', { type: 'button', className: 'secondary', onclick: () => act('settle', { note: note.value }, '已标记为现场处置') }, '现场处置'),
            el('button', { type: 'button', className: 'secondary', title: '闲聊误判为诉求：移出收件箱，不计入收集数和自处置率',
              onclick: () => act('dismiss', { reason: note.value }, '已忽略：不是诉求') }, '不是诉求'))));
      })));
  }

  function typeSelect(label, value, select = el('select', { 'aria-label': label })) {
    select.append(...Object.entries(labels.type).map(([k, v]) => el('option', { value: k }, v)));
    select.value = value || 'complaint';
    return select;
  }

  function departmentSelect(label, value, select = el('select', { 'aria-label': label })) {
    select.append(el('option', { value: '' }, '由派单员派单'), ...Hotline.departmentCache().map(d => el('option', { value: d.code }, d.name)));
    select.value = value || '';
    return select;
  }

  async function refreshHandled() {
    const answer = await api('GET', `/api/v1/grid/${encodeURIComponent(cell)}/handled`);
    if (!answer.ok) { Hotline.message($('handled'), answer.problem, true); return; }
    // The cell keeps its latest answers; the newest twenty are shown.
    const items = answer.data.items.slice(0, 20);
    $('handled').replaceChildren(items.length === 0 ? el('p', { className: 'muted' }, '暂无办理记录。') : el('table', {},
      el('tr', {}, ['时间', '居民', '内容', '办理', '说明'].map(h => el('th', {}, h))),
      items.map(h => el('tr', {}, el('td', {}, Hotline.time(h.handledAt)), el('td', {}, h.senderName || ''), el('td', {}, h.text || ''),
        el('td', {}, h.ticketId ? ['转为工单 ', Hotline.ticketLink(h.ticketId)] : h.dismissed ? '非诉求' : '现场处置'),
        el('td', {}, h.note || '')))));
  }

  function renderTickets(open) {
    $('tickets').replaceChildren(open.length === 0 ? el('p', { className: 'muted' }, '本网格暂无在办工单。') : el('table', {},
      el('tr', {}, ['工单编号', '状态', '主办单位', '摘要', '已等待', '办结时限'].map(h => el('th', {}, h))),
      open.map(t => el('tr', { 'data-ticket': t.id },
        el('td', {}, Hotline.ticketLink(t.id)), el('td', {}, labels.state[t.state] || t.state), el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '待派单'),
        el('td', {}, t.excerpt), el('td', {}, Hotline.duration(Date.now() - new Date(t.acceptedAt).getTime())),
        el('td', {}, t.replyBy ? Hotline.countdown(t.replyBy) : '—')))));
  }

  async function refresh() {
    $('title').textContent = cell ? `网格 ${cell}` : '网格（请输入网格编号）';
    if (!cell) return;
    await Promise.all([refreshCell(), refreshInbox(), refreshHandled()]);
  }

  // The page opens only to the cell's grid worker and to admins, who are those the API lets report from patrol.
  typeSelect(null, 'report', $('patrolType'));
  departmentSelect(null, '', $('patrolLead'));
  $('patrol').addEventListener('submit', async event => {
    event.preventDefault();
    const answer = await api('POST', `/api/v1/grid/${encodeURIComponent(cell)}/patrol`, {
      content: $('patrolContent').value.trim(), address: $('patrolAddress').value.trim(), type: $('patrolType').value,
      urgent: $('patrolUrgent').checked, dispatch: $('patrolLead').value || null,
    });
    Hotline.message($('patrolResult'), answer.ok ? `已上报，工单编号 ${answer.data.id}` : answer.problem, !answer.ok);
    if (answer.ok) { $('patrol').reset(); await refresh(); }
  });

  Hotline.poll(refresh, 5000);
})();
