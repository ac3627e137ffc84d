'use strict';
// Every ticket the user may read, found by number, caller, words and filters, one server page at a time. The filters
// live in the address, so a count elsewhere (the leader's page, the supervisors' queues) can link to its tickets, and
// the CSV button exports exactly the filtered list with the same scoping.
(async () => {
  const { el, api, labels } = Hotline;
  const session = await Hotline.init('tickets');
  if (!session) return;
  const $ = id => document.getElementById(id);
  const form = $('filters');
  const size = 20;
  const departments = await Hotline.departmentList();
  const flags = ['urgent', 'overdue', 'supervised', 'pendingExtension'];
  const fields = ['phone', 'q', 'state', 'channel', 'type', 'department', 'gridCell', 'from', 'to', 'sort'];

  const any = text => el('option', { value: '' }, text);
  $('state').append(any('全部'), ...Object.entries(labels.state).map(([k, v]) => el('option', { value: k }, v)));
  $('channel').append(any('全部'), ...Object.entries(labels.channel).map(([k, v]) => el('option', { value: k }, v)));
  $('type').append(any('全部'), ...Object.entries(labels.type).map(([k, v]) => el('option', { value: k }, v)));
  $('department').append(any('全部'), ...departments.map(d => el('option', { value: d.code }, d.name)));
  // The API searches by number only for those who see numbers whole, and scopes a department or a grid worker itself.
  $('phoneField').hidden = !session.searchesByPhone;
  $('departmentField').hidden = session.role === 'department';
  $('gridCellField').hidden = session.role === 'gridworker';

  function query() {
    const params = new URLSearchParams(location.search);
    params.delete('page');
    return params;
  }

  function fill() {
    const params = new URLSearchParams(location.search);
    for (const name of fields) form.elements[name].value = params.get(name) || (name === 'sort' ? '-acceptedAt' : '');
    for (const name of flags) form.elements[name].checked = params.get(name) === 'true';
    form.elements.number.value = '';
  }

  function submit(event) {
    event.preventDefault();
    const number = form.elements.number.value.trim();
    if (number) { location.href = `/console/tickets/${encodeURIComponent(number)}`; return; }
    const params = new URLSearchParams();
    for (const name of fields) {
      const value = form.elements[name].value.trim();
      if (value && !(name === 'sort' && value === '-acceptedAt') && !form.elements[name].closest('[hidden]')) params.set(name, value);
    }
    for (const name of flags) if (form.elements[name].checked) params.set(name, 'true');
    history.pushState(null, '', `?${params}`);
    load();
  }

  async function load() {
    fill();
    const params = query();
    const page = Number(new URLSearchParams(location.search).get('page') || 1);
    $('csv').href = `/api/v1/exports/tickets.csv?${params}`;
    const answer = await api('GET', `/api/v1/tickets?${params}&page=${page}&pageSize=${size}`);
    if (!answer.ok) { Hotline.message($('list'), answer.problem, true); $('pages').replaceChildren(); return; }
    const { items, total, totalIsLowerBound } = answer.data;
    $('list').replaceChildren(items.length === 0 ? el('p', { className: 'muted' }, '没有符合条件的工单。') : el('table', {},
      el('thead', {}, el('tr', {}, ['编号', '状态', '渠道', '类型', '主办单位', '网格', '诉求摘要', '受理时间', '办结时限'].map(h => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, items.map(t => el('tr', {},
        el('td', {}, Hotline.ticketLink(t.id), t.urgent ? ' 【急】' : '', t.supervised ? ' 【督】' : ''),
        el('td', {}, labels.state[t.state] || t.state, t.redFor.length ? el('span', { className: 'badge red' }, '红牌') : null),
        el('td', {}, labels.channel[t.channel] || t.channel),
        el('td', {}, labels.type[t.type] || t.type),
        el('td', {}, t.lead ? Hotline.departmentName(t.lead) : '—'),
        el('td', {}, t.gridCell || ''),
        el('td', {}, t.excerpt),
        el('td', {}, Hotline.time(t.acceptedAt)),
        el('td', {}, t.replyBy ? Hotline.time(t.replyBy) : ''))))));
    $('pages').replaceChildren(Hotline.pager(page, size, total, n => {
      const next = new URLSearchParams(location.search);
      next.set('page', n);
      history.pushState(null, '', `?${next}`);
      load();
    }, totalIsLowerBound));
  }

  form.addEventListener('submit', submit);
  $('clear').addEventListener('click', () => { history.pushState(null, '', location.pathname); setTimeout(load); });
  window.addEventListener('popstate', load);
  await load();
})();
