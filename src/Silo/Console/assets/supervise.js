'use strict';
// The supervisors' queues, each paged on the server: extensions waiting for a decision (decided in place), overdue
// tickets by department, supervised (督办) tickets and returns (退单) waiting for a new dispatch. Nothing here needs a
// ticket number typed.
(async () => {
  const { el, labels } = Hotline;
  const session = await Hotline.init('supervise');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const departments = await Hotline.departmentList();
  $('overdueDepartment').append(el('option', { value: '' }, '全部'), ...departments.map(d => el('option', { value: d.code }, d.name)));

  function table(items) {
    return items.length === 0 ? el('p', { className: 'muted' }, '暂无。') : el('table', {},
      el('thead', {}, el('tr', {}, ['编号', '状态', '主办单位', '诉求摘要', '办结时限'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map(t => el('tr', {},
        el('td', {}, Hotline.ticketLink(t.id), t.urgent ? ' 【急】' : ''),
        el('td', {}, labels.state[t.state] || t.state),
        el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '—'),
        el('td', {}, t.excerpt),
        el('td', {}, t.replyBy ? `${Hotline.time(t.replyBy)}（${Hotline.countdown(t.replyBy)}）` : '')))));
  }

  const extensions = TicketSteps.queue($('extensions'), $('extensionPages'), () => 'pendingExtension=true&sort=acceptedAt',
    items => TicketSteps.cards(items, t => {
      const steps = el('div');
      TicketSteps.render(t, steps, () => extensions(), ['extension/decision']);
      return el('article', { className: 'card yellow', 'data-ticket': t.id },
        el('h3', {}, Hotline.ticketLink(t.id), el('span', { className: 'muted' }, Hotline.departmentName(t.lead))),
        el('p', {}, t.content), steps);
    }, '暂无待审批的延期申请。'));
  const overdue = TicketSteps.queue($('overdue'), $('overduePages'), () => {
    const department = $('overdueDepartment').value;
    return `overdue=true&sort=replyBy${department ? `&department=${department}` : ''}`;
  }, async items => [table(items)]);
  const supervised = TicketSteps.queue($('supervised'), $('supervisedPages'), () => 'supervised=true&sort=replyBy', async items => [table(items)]);

  const returns = TicketSteps.queue($('returns'), $('returnPages'), () => 'returned=true&sort=acceptedAt', async items => [table(items)]);

  $('overdueDepartment').addEventListener('change', overdue);
  await Promise.all([extensions(), overdue(), supervised(), returns()]);
})();
