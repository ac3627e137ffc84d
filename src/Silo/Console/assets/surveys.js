'use strict';
// 回访: answered tickets whose resident has not rated the answer, those no text can reach first (calls), each with
// the number to ring and the answer given; the rating is recorded in place.
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('surveys');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const size = 10;
  let page = 1;
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

  async function refresh() {
    const answer = await api('GET', `/api/v1/tickets?awaitingSurvey=true&sort=surveyCallsFirst&page=${page}&pageSize=${size}`);
    if (!answer.ok) { Hotline.message($('worklist'), answer.problem, true); return; }
    if (answer.data.items.length === 0 && page > 1) { page--; await refresh(); return; }
    const views = await Promise.all(answer.data.items.map(s => api('GET', `/api/v1/tickets/${s.id}`)));
    $('worklist').replaceChildren(...(views.length ? views.filter(v => v.ok).map(v => card(v.data)) : [el('p', { className: 'muted' }, '暂无待回访工单。')]));
    $('pages').replaceChildren(Hotline.pager(page, size, answer.data.total, n => { page = n; refresh(); }));
  }

  $('reload').addEventListener('click', refresh);
  await refresh();
})();
