'use strict';
// One ticket as the API shows it to the signed-in user (numbers masked and anonymous reporters hidden as it decides),
// its deadlines, cards, related tickets and history, and the steps the user may take on it now.
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('ticket');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const id = decodeURIComponent(location.pathname.split('/').pop());
  await Hotline.departmentList();
  const dept = code => code ? Hotline.departmentName(code) : '—';

  function row(name, ...value) { return el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, ...value)); }

  function attachment(url) {
    if (/\.(jpe?g|png|gif|webp)(\?|$)/i.test(url) || /PicUrl|mmbiz/i.test(url)) {
      return el('a', { href: url, target: '_blank', rel: 'noopener' }, el('img', { src: url, alt: '市民上传的照片', className: 'photo' }));
    }
    if (/\.(mp3|wav|ogg|m4a|amr)(\?|$)/i.test(url) || /Recordings\//.test(url)) {
      return el('audio', { controls: true, preload: 'none', src: url, 'aria-label': '来电录音' });
    }
    return el('a', { href: url, target: '_blank', rel: 'noopener' }, url);
  }

  function caller(c) {
    if (c.anonymous && !c.phone && !c.name) return '匿名反映（身份仅受理话务员可见）';
    return `${c.name || '未留姓名'} ${c.phone || ''}${c.anonymous ? '（匿名）' : ''}`;
  }

  function facts(t) {
    $('title').textContent = `工单 ${t.number}`;
    document.title = `${t.number} · 工单详情 · 12345 热线工单系统`;
    $('facts').replaceChildren(el('table', { className: 'facts' },
      row('状态', el('strong', {}, labels.state[t.state] || t.state), t.urgent ? el('span', { className: 'badge red' }, '急') : null,
        t.supervised ? el('span', { className: 'badge yellow' }, '督办') : null),
      row('类型 / 渠道', `${labels.type[t.type] || t.type} · ${labels.channel[t.channel] || t.channel}`),
      row('诉求内容', el('p', { className: 'content' }, t.content), t.contentTruncated ? el('p', { className: 'muted' }, '（原文过长，仅保留开头部分）') : null),
      row('来电人', caller(t.caller)),
      row('地址 / 网格', `${t.address || '—'} · ${t.gridCell || '未定网格'}`),
      row('主办 / 协办', `${dept(t.lead)}${t.coHandlers.length ? ' / ' + t.coHandlers.map(c => `${dept(c.department)}${c.signedAt ? '（已签收）' : ''}`).join('、') : ''}`),
      t.result ? row('办理结果', t.result) : null,
      t.rating ? row('回访结果', labels.rating[t.rating]) : null,
      t.urgentCue ? row('紧急提示', t.urgentCue) : null,
      row('受理', `${Hotline.time(t.acceptedAt)} · ${t.loggedBy}`),
      t.attachments.length ? row('附件', el('div', { className: 'attachments' }, t.attachments.map(attachment))) : null));
  }

  function deadlines(t) {
    const open = ['dispatched', 'inProgress', 'awaitingResident', 'reopened'].includes(t.state);
    const clock = (name, at) => at ? row(name, `${Hotline.time(at)} `, open
      ? el('span', { className: 'countdown', 'data-deadline': t.state === 'awaitingResident' ? '' : at },
        t.state === 'awaitingResident' ? '（补办中，时限暂停）' : Hotline.countdown(at))
      : null) : null;
    const x = t.pendingExtension;
    $('deadlines').replaceChildren(el('table', { className: 'facts' },
      clock('签收时限', t.state === 'dispatched' ? t.signBy : null),
      clock('办结时限', t.replyBy),
      x ? row('待审批延期', `${dept(x.department)} 申请 ${Hotline.span(x.extra)}：${x.reason}（${Hotline.time(x.requestedAt)}）`) : null),
      t.cards.length
        ? el('ul', {}, t.cards.map(c => el('li', {}, el('span', { className: `badge ${c.kind === 'red' ? 'red' : 'yellow'}` }, c.kind === 'red' ? '红牌' : '黄牌'),
          ` ${dept(c.department)} · ${c.step === 'sign' ? '签收' : '办结'}超时 · ${Hotline.time(c.dueAt)}`)))
        : el('p', { className: 'muted' }, '无红黄牌。'));
  }

  function related(t) {
    const list = (title, ids) => ids.length ? el('p', {}, `${title}：`, ...ids.flatMap((i, n) => [n ? '、' : '', Hotline.ticketLink(i)])) : null;
    const parts = [
      t.masterId ? list('已并入主单', [t.masterId]) : null,
      list('并入本单的工单', t.merged),
      list('疑似重复', t.possibleDuplicates),
      t.suggestions.length ? el('p', {}, '智能分派建议：', t.suggestions.map(s => `${dept(s.code)}（${Math.round(s.confidence * 100)}%）`).join('、')) : null,
    ].filter(Boolean);
    $('related').replaceChildren(...(parts.length ? parts : [el('p', { className: 'muted' }, '无。')]));
  }

  function history(t) {
    $('history').replaceChildren(...t.history.map(e => {
      const moved = e.fromDepartment ? `${dept(e.fromDepartment)} → ${dept(e.department)}` : e.department ? dept(e.department) : '';
      const states = e.fromState && e.fromState !== e.toState ? `${labels.state[e.fromState]} → ${labels.state[e.toState]}` : labels.state[e.toState];
      return el('li', { className: `event ${e.action}` },
        el('div', {}, el('strong', {}, labels.action[e.action] || e.action), ` · ${Hotline.time(e.at)} · ${e.actor}`,
          el('span', { className: 'muted' }, ` · ${states}${moved ? ' · ' + moved : ''}`)),
        e.note ? el('div', {}, `说明：${e.note}`) : null,
        e.result ? el('div', {}, `结果：${e.result}`) : null,
        e.rating ? el('div', {}, `评价：${labels.rating[e.rating]}`) : null);
    }));
  }

  async function show(t) {
    facts(t);
    deadlines(t);
    related(t);
    history(t);
    await TicketSteps.render(t, $('steps'), show);
  }

  const answer = await api('GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
  if (!answer.ok) {
    Hotline.message($('problem'), answer.status === 404 ? `没有编号为 ${id} 的工单。` : answer.status === 403 ? '您无权查看此工单。' : answer.problem, true);
    return;
  }
  await show(answer.data);
  setInterval(() => {
    for (const node of document.querySelectorAll('.countdown[data-deadline]')) {
      if (node.dataset.deadline) node.textContent = Hotline.countdown(node.dataset.deadline);
    }
  }, 1000);
})();
