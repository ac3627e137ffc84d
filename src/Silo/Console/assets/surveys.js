'use strict';
// 回访: answered tickets whose resident has not rated the answer, those no text can reach first (calls), each with
// the number to ring and the answer given; the rating is recorded in place.
(async () => {
  const { el, labels } = Hotline;
  const session = await Hotline.init('surveys');
  if (!session) return;
  const $ = id => document.getElementById(id);
  await Hotline.departmentList();

  function card(t) {
    const steps = el('div');
    TicketSteps.render(t, steps, () => refresh(), ['survey', 'survey-unreachable']);
    const c = t.caller;
    return el('article', { className: 'card', 'data-ticket': t.id },
      el('h3', {}, Hotline.ticketLink(t.id), el('span', { className: 'muted' }, `${labels.channel[t.channel] || t.channel} · ${labels.state[t.state]}`)),
      el('p', {}, el('strong', {}, c.phone ? `致电 ${c.phone}` : '无可拨打的号码'), c.name ? ` · ${c.name}` : ''),
      el('p', { className: 'content' }, t.content),
      t.result ? el('p', {}, `答复：${t.result}`) : null,
      steps);
  }

  const refresh = TicketSteps.queue($('worklist'), $('pages'), () => 'awaitingSurvey=true&sort=surveyCallsFirst',
    items => TicketSteps.cards(items, card, '暂无待回访工单。'));

  $('reload').addEventListener('click', refresh);
  await refresh();
})();
