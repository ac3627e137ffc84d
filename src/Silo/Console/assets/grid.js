'use strict';
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('grid');
  if (!session) return;
  const $ = id => document.getElementById(id);
  await Hotline.departmentList();
  let cell = session.gridCell;
  if (!cell) {
    $('pick').hidden = false;
    cell = decodeURIComponent(location.hash.slice(1)) || '';
    $('cell').value = cell;
    $('cell').addEventListener('change', () => { cell = $('cell').value.trim(); location.hash = encodeURIComponent(cell); refresh(); });
  }

  // The count and the table come from one answer, so they always speak of the same tickets.
  async function refreshCell() {
    const answer = await api('GET', `/api/v1/grid/${encodeURIComponent(cell)}`);
    if (!answer.ok) { Hotline.message($('summary'), answer.problem, true); return; }
    const g = answer.data;
    const place = g.street ? `${g.street} · ${g.community} · ${g.name} · ` : '';
    $('summary').replaceChildren(el('p', {}, `${place}网格员：${g.gridWorkers.length ? g.gridWorkers.join('、') : '—'} · 在办工单 ${g.openTickets.total} · 收件箱 ${g.inboxSize}`));
    renderTickets(g.openTickets.items, g.openTickets.total);
  }

  async function refreshInbox() {
    const answer = await api('GET', `/api/v1/grid/${encodeURIComponent(cell)}/inbox`);
    if (!answer.ok) { Hotline.message($('inbox'), answer.problem, true); return; }
    const items = answer.data.items || [];
    $('inbox').replaceChildren(items.length === 0 ? el('p', { className: 'muted' }, '收件箱为空。') : el('table', {},
      el('tr', {}, ['群', '居民', '内容', '已等待', '建议单位', ''].map(h => el('th', {}, h))),
      items.map(m => {
        const note = el('input', { 'aria-label': '说明', placeholder: '现场处置说明或忽略原因' });
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
            el('button', { type: 'button', onclick: () => act('ticket', {}, '已转为工单') }, '转为工单'),
            note, el('button', { type: 'button', className: 'secondary', onclick: () => act('settle', { note: note.value }, '已标记为现场处置') }, '现场处置'),
            el('button', { type: 'button', className: 'secondary', title: '闲聊误判为诉求：移出收件箱，不计入收集数和自处置率',
              onclick: () => act('dismiss', { reason: note.value }, '已忽略：不是诉求') }, '不是诉求'))));
      })));
  }

  function renderTickets(open, total) {
    const unlisted = total > open.length ? el('p', { className: 'muted' }, `另有 ${total - open.length} 件未列出（仅列受理最早的 ${open.length} 件）。`) : '';
    $('tickets').replaceChildren(open.length === 0 ? el('p', { className: 'muted' }, '本网格暂无在办工单。') : el('table', {},
      el('tr', {}, ['工单编号', '状态', '主办单位', '摘要', '已等待', '办结时限'].map(h => el('th', {}, h))),
      open.map(t => el('tr', { 'data-ticket': t.id },
        el('td', {}, t.number), el('td', {}, labels.state[t.state] || t.state), el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '待派单'),
        el('td', {}, t.excerpt), el('td', {}, Hotline.duration(Date.now() - new Date(t.acceptedAt).getTime())),
        el('td', {}, t.replyBy ? Hotline.countdown(t.replyBy) : '—')))), unlisted);
  }

  async function refresh() {
    $('title').textContent = cell ? `网格 ${cell}` : '网格（请输入网格编号）';
    if (!cell) return;
    await Promise.all([refreshCell(), refreshInbox()]);
  }

  Hotline.poll(refresh, 5000);
})();
