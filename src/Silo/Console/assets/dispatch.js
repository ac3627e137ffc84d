'use strict';
// Every ticket waiting for a department, from every channel, oldest first: what the router suggests, what it may
// duplicate, how urgent it is and why it came back; dispatched, merged or answered in place. Call drafts beside it.
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('dispatch');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const size = 10;
  let draftPage = 1;
  await Hotline.departmentList();

  /** Why the ticket is waiting again: the return (退单) or the dissatisfied answer that brought it back. */
  function reason(t) {
    const back = [...t.history].reverse().find(e => e.toState === 'accepted' && e.fromState && e.fromState !== 'accepted');
    if (!back) return null;
    const who = back.action === 'return' ? `${Hotline.departmentName(back.department)} 退单` : '市民对直办答复不满意';
    return el('p', { className: 'message error' }, `${who}${back.note ? '：' + back.note : ''}`);
  }

  function card(t) {
    const steps = el('div');
    const article = el('article', { className: `card ${t.urgent ? 'red' : 'green'}`, 'data-ticket': t.id },
      el('h3', {}, el('span', {}, Hotline.ticketLink(t.id), t.urgent ? ' 【急】' : ''),
        el('span', { className: 'muted' }, `${labels.channel[t.channel] || t.channel} · ${Hotline.time(t.acceptedAt)}`)),
      el('p', {}, `${labels.type[t.type] || t.type} · ${t.address || '无地址'}${t.gridCell ? ' · ' + t.gridCell : ''}`),
      el('p', { className: 'content' }, t.content),
      t.urgentCue ? el('p', { className: 'message error' }, `紧急提示：${t.urgentCue}`) : null,
      reason(t),
      t.suggestions.length ? el('p', { className: 'muted' }, '建议：', t.suggestions.map(s => `${Hotline.departmentName(s.code)}（${Math.round(s.confidence * 100)}%）`).join('、')) : null,
      t.possibleDuplicates.length ? el('p', {}, '疑似重复：', ...t.possibleDuplicates.flatMap((d, i) => [i ? '、' : '', Hotline.ticketLink(d)])) : null,
      steps);
    TicketSteps.render(t, steps, () => refresh(), ['dispatch', 'resolve-now', 'merge-into']);
    return article;
  }

  const refresh = TicketSteps.queue($('queue'), $('pages'), () => 'state=accepted&sort=acceptedAt',
    items => TicketSteps.cards(items, card, '暂无待派工单。'));

  function draft(d) {
    const type = el('select', { 'aria-label': '类型' }, Object.entries(labels.type).map(([k, v]) => el('option', { value: k }, v)));
    const content = el('textarea', { 'aria-label': '诉求内容', style: 'min-height:50px' }, d.transcript || '');
    const address = el('input', { 'aria-label': '地址', placeholder: '地址' });
    const note = el('input', { 'aria-label': '作废理由', placeholder: '作废理由' });
    const result = el('div', { 'aria-live': 'polite' });
    const decide = async (step, body, said) => {
      const answer = await api('POST', `/api/v1/call-drafts/${encodeURIComponent(d.id)}/${step}`, body);
      Hotline.message(result, answer.ok ? said(answer.data) : answer.problem, !answer.ok);
      if (answer.ok) setTimeout(() => { refreshDrafts(); refresh(); }, 800);
    };
    return el('article', { className: 'card' },
      el('h3', {}, el('span', {}, d.from || '未知号码'), el('span', { className: 'muted' }, Hotline.time(d.receivedAt))),
      d.recordingUrl ? el('audio', { controls: true, preload: 'none', src: d.recordingUrl, 'aria-label': '来电录音' }) : null,
      session.callDrafts.decide ? [content, el('div', { className: 'row' }, type, address),
        el('div', { className: 'row' },
          el('button', { type: 'button', onclick: () => decide('accept', { type: type.value, content: content.value.trim() || null, address: address.value.trim() || null },
            t => `已受理为工单 ${t.id}，见待派工单`) }, '受理草稿'),
          note,
          el('button', { type: 'button', className: 'secondary', onclick: () => decide('discard', { reason: note.value.trim() }, () => '已作废') }, '作废草稿'))]
        : el('p', {}, d.transcript || '（仅有录音）'),
      result);
  }

  async function refreshDrafts() {
    const answer = await api('GET', `/api/v1/call-drafts?state=open&page=${draftPage}&pageSize=${size}`);
    if (!answer.ok) { Hotline.message($('drafts'), answer.problem, true); return; }
    $('drafts').replaceChildren(...(answer.data.items.length ? answer.data.items.map(draft) : [el('p', { className: 'muted' }, '暂无待处理的来电草稿。')]));
    $('draftPages').replaceChildren(Hotline.pager(draftPage, size, answer.data.total, n => { draftPage = n; refreshDrafts(); }));
  }

  $('reload').addEventListener('click', refresh);
  await refresh();
  if (session.callDrafts.read) { $('draftsPanel').hidden = false; await refreshDrafts(); }
})();
