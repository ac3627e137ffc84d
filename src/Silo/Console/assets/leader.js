'use strict';
(async () => {
  const { el, api, labels, percent } = Hotline;
  const session = await Hotline.init('leader');
  if (!session) return;
  const $ = id => document.getElementById(id);
  await Hotline.departmentList();
  const day = d => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  // Periods follow the centre's calendar date from the session, not the browser's clock.
  const [year, month, date] = session.today.split('-').map(Number);
  const today = new Date(year, month - 1, date);
  $('to').value = session.today;
  $('from').value = day(new Date(year, month - 1, date - 29));
  for (let i = 0; i < 6; i++) {
    const m = new Date(today.getFullYear(), today.getMonth() - i, 1);
    const value = `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`;
    $('month').append(el('option', { value }, `${m.getFullYear()}年${m.getMonth() + 1}月${i === 0 ? '（本月，进行中）' : ''}`));
  }

  const charts = {};
  function chart(id, config) {
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update('none');
    } else {
      charts[id] = new Chart($(id), { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false,
        onClick: (event, elements) => { if (elements.length && drills[id]) location.href = drills[id][elements[0].index]; }, ...config.options } });
    }
  }

  // Each bar or slice opens the tickets behind it, accepted in the period shown; the links under the chart do the same
  // from the keyboard.
  const drills = {};
  function drill(id, rows, filter, name) {
    const period = `from=${$('from').value}&to=${$('to').value}`;
    drills[id] = rows.map(r => `/console/tickets?${filter(r, period)}`);
    $(`${id}Links`).replaceChildren(...rows.map((r, i) => el('a', { href: drills[id][i] }, name(r))));
  }
  const rateAxis = { min: 0, max: 100, ticks: { callback: v => `${v}%` } };
  const pct = r => (r === null || r === undefined ? null : Math.round(r * 1000) / 10);

  const stats = by => api('GET', `/api/v1/stats?by=${by}&from=${$('from').value}&to=${$('to').value}`);

  function totals(rows) {
    const sum = key => rows.reduce((s, r) => s + (r[key] || 0), 0);
    const weighted = (rate, weight) => {
      const w = rows.reduce((s, r) => s + (r[rate] === null ? 0 : r[weight]), 0);
      return w === 0 ? null : rows.reduce((s, r) => s + (r[rate] === null ? 0 : r[rate] * r[weight]), 0) / w;
    };
    const ratio = (a, b) => (b === 0 ? null : Math.min(1, a / b));
    const eligible = rows.reduce((s, r) => s + (r.returnVisitRate ? r.surveyed / r.returnVisitRate : 0), 0);
    return {
      accepted: sum('accepted'), immediateRate: ratio(sum('resolved'), sum('accepted')), knowledgeShare: ratio(sum('resolvedWithKnowledge'), sum('resolved')),
      dispatched: sum('dispatched'), replied: sum('replied'), disposalRate: ratio(sum('replied'), sum('dispatched')),
      onTimeRate: weighted('onTimeRate', 'replied'), signOnTimeRate: weighted('signOnTimeRate', 'signed'),
      satisfactionRate: weighted('satisfactionRate', 'surveyed'), returnVisitRate: ratio(sum('surveyed'), eligible),
      reopenRate: ratio(sum('reopened'), sum('replied')), returnRate: ratio(sum('returned'), sum('dispatched')),
      reworkRate: ratio(sum('reworked'), sum('replied')),
      speedUp: sum('committedMinutes') === 0 ? null : 1 - sum('workedMinutes') / sum('committedMinutes'),
      yellowCards: sum('yellowCards'), redCards: sum('redCards'), overdue: sum('overdue'),
    };
  }

  const kpis = [
    ['accepted', '受理量'], ['dispatched', '派单量'], ['replied', '办结反馈'], ['immediateRate', '直办率', true], ['knowledgeShare', '知识库直办占比', true],
    ['disposalRate', '处置率', true], ['onTimeRate', '按时办结率', true], ['signOnTimeRate', '签收及时率', true], ['satisfactionRate', '满意率', true],
    ['returnVisitRate', '回访率', true], ['reopenRate', '重办率', true], ['returnRate', '退单率', true], ['reworkRate', '返工率', true], ['speedUp', '提速率', true],
    ['yellowCards', '黄牌'], ['redCards', '红牌'], ['overdue', '超期件'],
  ];

  async function refreshStats() {
    const [byDay, byDepartment, byCategory, byChannel] = await Promise.all(['day', 'department', 'category', 'channel'].map(stats));
    if (!byDay.ok) { Hotline.message($('kpis'), byDay.problem, true); return; }
    const t = totals(byDay.data.rows);
    $('kpis').replaceChildren(...kpis.map(([key, name, isRate]) => el('div', { className: 'kpi' },
      el('div', { className: 'value', id: `kpi-${key}` }, isRate ? percent(t[key]) : t[key]), el('div', { className: 'name' }, name))));
    $('updated').textContent = `更新于 ${Hotline.clock()}`;

    const days = byDay.data.rows;
    chart('trendChart', { data: { labels: days.map(r => r.key.slice(5)), datasets: [
      { type: 'bar', label: '受理量', data: days.map(r => r.accepted), yAxisID: 'y', backgroundColor: '#90caf9' },
      { type: 'line', label: '处置率', data: days.map(r => pct(r.disposalRate)), yAxisID: 'rate', borderColor: '#2e7d32' },
      { type: 'line', label: '按时办结率', data: days.map(r => pct(r.onTimeRate)), yAxisID: 'rate', borderColor: '#f9a825' },
      { type: 'line', label: '满意率', data: days.map(r => pct(r.satisfactionRate)), yAxisID: 'rate', borderColor: '#c62828' },
    ] }, options: { scales: { y: { beginAtZero: true, position: 'left' }, rate: { ...rateAxis, position: 'right' } } } });

    drill('trendChart', days, r => `from=${r.key}&to=${r.key}`, r => r.key.slice(5));

    const deps = byDepartment.ok ? byDepartment.data.rows.filter(r => r.key !== '(none)') : [];
    chart('departmentChart', { type: 'bar', data: { labels: deps.map(r => r.name || r.key), datasets: [
      ['disposalRate', '处置率', '#2e7d32'], ['onTimeRate', '按时办结率', '#f9a825'], ['signOnTimeRate', '签收及时率', '#1565c0'],
      ['satisfactionRate', '满意率', '#c62828'], ['returnVisitRate', '回访率', '#6a1b9a'],
    ].map(([key, label, color]) => ({ label, data: deps.map(r => pct(r[key])), backgroundColor: color })) }, options: { scales: { y: rateAxis } } });

    drill('departmentChart', deps, (r, period) => `department=${r.key}&${period}`, r => r.name || r.key);

    const cats = byCategory.ok ? byCategory.data.rows : [];
    chart('categoryChart', { data: { labels: cats.map(r => labels.type[r.key] || r.key), datasets: [
      { type: 'bar', label: '受理量', data: cats.map(r => r.accepted), yAxisID: 'y', backgroundColor: '#a5d6a7' },
      { type: 'line', label: '满意率', data: cats.map(r => pct(r.satisfactionRate)), yAxisID: 'rate', borderColor: '#c62828' },
    ] }, options: { scales: { y: { beginAtZero: true }, rate: { ...rateAxis, position: 'right' } } } });

    drill('categoryChart', cats, (r, period) => `type=${r.key}&${period}`, r => labels.type[r.key] || r.key);

    const channels = byChannel.ok ? byChannel.data.rows : [];
    chart('channelChart', { type: 'doughnut', data: { labels: channels.map(r => labels.channel[r.key] || r.key), datasets: [
      { data: channels.map(r => r.accepted), backgroundColor: ['#1565c0', '#2e7d32', '#f9a825', '#c62828', '#6a1b9a', '#00838f', '#5d4037', '#ef6c00'] },
    ] } });
    drill('channelChart', channels, (r, period) => `channel=${r.key}&${period}`, r => labels.channel[r.key] || r.key);
  }

  async function refreshCards() {
    const answer = await api('GET', '/api/v1/departments');
    if (!answer.ok) { Hotline.message($('cards'), answer.problem, true); return; }
    const rows = answer.data.filter(d => d.open > 0 || d.red > 0 || d.yellow > 0).sort((a, b) => b.red - a.red || b.overdue - a.overdue || b.yellow - a.yellow);
    $('cards').replaceChildren(rows.length === 0 ? el('p', { className: 'muted' }, '当前没有在办工单。') : el('table', {},
      el('tr', {}, ['承办单位', '在办', '超期', '红牌', '黄牌'].map((h, i) => el('th', { className: i ? 'num' : '' }, h))),
      // Each count opens the tickets behind it: open ones of the department, and its overdue ones behind the cards.
      rows.map(d => {
        const open = `/console/tickets?department=${d.code}&sort=replyBy`;
        const late = `${open}&overdue=true`;
        const count = (href, value, label, badge) => el('td', { className: 'num' },
          el('a', { href, 'aria-label': `${d.name} ${label} ${value} 件`, className: badge ? `badge ${value ? badge : 'green'}` : null }, value));
        return el('tr', { 'data-department': d.code }, el('td', {}, d.name), count(open, d.open, '在办'), count(late, d.overdue, '超期'),
          count(late, d.red, '红牌', 'red'), count(open, d.yellow, '黄牌', 'yellow'));
      })));
  }

  async function refreshGrid() {
    // The server counts the overdue tickets of each cell; a cell overdue now is shown even with nothing accepted in the period.
    const [byCell, overdue] = await Promise.all([stats('gridCell'), api('GET', '/api/v1/stats/overdue-by-cell')]);
    if (!byCell.ok) { Hotline.message($('gridmap'), byCell.problem, true); return; }
    const late = Object.fromEntries((overdue.ok ? overdue.data.rows : []).map(r => [r.key, r.overdue]));
    const cells = byCell.data.rows.filter(r => r.key !== '(none)');
    for (const key of Object.keys(late)) if (!cells.some(r => r.key === key)) cells.push({ key, accepted: 0 });
    const most = Math.max(1, ...cells.map(r => r.accepted));
    $('gridmap').replaceChildren(...(cells.length === 0 ? [el('p', { className: 'muted' }, '所选时段内没有带网格的工单。')] : cells.map(r => {
      const heat = r.accepted / most;
      return el('a', { className: 'cell', 'data-cell': r.key, href: `/console/tickets?gridCell=${encodeURIComponent(r.key)}`,
        title: `${r.key}：受理 ${r.accepted}，当前超期 ${late[r.key] || 0}`,
        style: `background: rgba(21, 101, 192, ${0.12 + heat * 0.6}); ${late[r.key] ? 'outline: 3px solid #c62828;' : ''}` },
        el('strong', {}, r.key), el('br'), `受理 ${r.accepted}`, el('br'), `超期 ${late[r.key] || 0}`);
    })));
  }

  // Streets and communities are the cells' figures summed through the grid registry, so they add up to the grid map's.
  async function refreshAreas() {
    const [byStreet, byCommunity] = await Promise.all([stats('street'), stats('community')]);
    if (!byStreet.ok || !byCommunity.ok) { Hotline.message($('areas'), (byStreet.ok ? byCommunity : byStreet).problem, true); return; }
    const rows = [...byStreet.data.rows.map(r => ['街道', r]), ...byCommunity.data.rows.map(r => ['社区', r])].filter(([, r]) => r.key !== '(none)');
    $('areas').replaceChildren(rows.length === 0 ? el('p', { className: 'muted' }, '尚未导入网格登记，或所选时段内没有带网格的工单。') : el('table', {},
      el('tr', {}, ['层级', '名称', '受理', '派单', '处置率', '满意率', '超期'].map((h, i) => el('th', { className: i > 1 ? 'num' : '' }, h))),
      rows.map(([level, r]) => el('tr', { 'data-area': r.key }, el('td', {}, level), el('td', {}, r.key), el('td', { className: 'num' }, r.accepted),
        el('td', { className: 'num' }, r.dispatched), el('td', { className: 'num' }, percent(r.disposalRate)),
        el('td', { className: 'num' }, percent(r.satisfactionRate)), el('td', { className: 'num' }, r.overdue)))));
  }

  async function refreshAssessment() {
    const answer = await api('GET', `/api/v1/assessment?month=${$('month').value}`);
    if (!answer.ok) { Hotline.message($('assessment'), answer.problem, true); return; }
    const a = answer.data;
    $('assessment').replaceChildren(el('p', { className: 'muted' }, `基本分100，最高110；案件少于 ${a.minimumCases} 件的单位只列示不排名。${a.final ? '' : '本月尚未结束，分数随办理进展变化。'}`),
      el('table', {}, el('tr', {}, ['排名', '承办单位', '得分', '案件', '超期扣分', '办结率扣分', '投诉扣分', '群众评议'].map(h => el('th', {}, h))),
        a.departments.filter(d => d.cases > 0 || d.deductionTotal > 0 || d.surveyed > 0).map(d => el('tr', { 'data-department': d.department },
          el('td', {}, d.rank ?? '不排名'), el('td', {}, d.name || d.department), el('td', { className: 'num' }, d.score),
          el('td', { className: 'num' }, d.cases),
          el('td', { className: 'num', title: d.deductions.overdue.cases.map(c => `${c.ticketId} 超期${c.days}天`).join('\n') },
            `-${d.deductions.overdue.points}（${d.deductions.overdue.days}天）`),
          el('td', { className: 'num' }, `-${d.deductions.completion.points}（${percent(d.deductions.completion.rate)}）`),
          el('td', { className: 'num' }, `-${d.deductions.complaints.reduce((s, c) => s + c.points, 0)}`),
          el('td', {}, `${d.ratingLabel}（${d.ratingPoints >= 0 ? '+' : ''}${d.ratingPoints}）`)))));
  }

  async function refreshSurges() {
    const answer = await api('GET', `/api/v1/incidents?from=${$('from').value}&to=${$('to').value}&pageSize=20`);
    if (!answer.ok) { Hotline.message($('surges'), answer.problem, true); return; }
    const { items, total } = answer.data;
    $('surges').replaceChildren(items.length === 0 ? el('p', { className: 'muted' }, '本期暂无突发聚集。') : el('div', {},
      el('p', { className: 'muted' }, total > items.length ? `本期共 ${total} 起，显示最近 ${items.length} 起。` : `本期共 ${total} 起。`),
      el('ul', {}, items.map(i => el('li', { 'data-incident': i.id },
        `${i.gridCell ? `网格 ${i.gridCell}` : i.street}：${i.summary}（${i.count} 件，${Hotline.time(i.firstAt)} 至 ${Hotline.time(i.lastAt)}）`)))));
  }

  // Newest first, as the board answers. A ticket links into the supervision lookup below and a cell to its grid page
  // for those who may open it; an incident has no page of its own, so it stays text.
  function renderAlerts(answer) {
    $('alerts').hidden = false;
    if (!answer.ok) { Hotline.message($('alertList'), answer.problem, true); return; }
    const { items: listed, total } = answer.data;
    $('alertList').replaceChildren(total === 0 ? el('p', { className: 'muted' }, '当前没有待确认的告警。') : el('table', {},
      el('tr', {}, ['类型', '时间', '涉及', '内容', ''].map(h => el('th', {}, h))),
      listed.map(a => el('tr', { 'data-alert': a.id },
        el('td', {}, el('span', { className: `badge ${a.kind === 'urgent' ? 'red' : 'yellow'}` }, labels.alert[a.kind] || a.kind)),
        el('td', {}, Hotline.time(a.at)),
        el('td', {},
          a.ticketId ? el('div', {}, el('a', { href: '#supervision', onclick: () => { $('ticketId').value = a.ticketId; lookup(); } }, `工单 ${a.ticketId}`)) : null,
          a.incidentId ? el('div', {}, `事件 ${a.incidentId}`) : null,
          a.gridCell ? el('div', {}, Hotline.mayOpen('grid') ? el('a', { href: `/console/grid#${encodeURIComponent(a.gridCell)}` }, `网格 ${a.gridCell}`) : `网格 ${a.gridCell}`) : null),
        el('td', {}, a.message),
        el('td', {}, session.alerts.acknowledge ? el('button', { type: 'button', onclick: () => acknowledge(a) }, '确认') : null)))),
      total > listed.length ? el('p', { className: 'muted' }, `另有 ${total - listed.length} 条未列出（仅列最新的 ${listed.length} 条）。`) : '');
  }

  async function acknowledge(alert) {
    const r = await api('POST', `/api/v1/alerts/${encodeURIComponent(alert.id)}/acknowledge`);
    Hotline.message($('alertResult'), r.ok ? `已确认：${labels.alert[alert.kind] || alert.kind}（${Hotline.time(alert.at)}）` : r.problem, !r.ok);
    await Hotline.refreshAlerts();
  }

  async function lookup() {
    const id = $('ticketId').value.trim();
    if (!id) return;
    const answer = await api('GET', `/api/v1/tickets/${encodeURIComponent(id)}`);
    if (!answer.ok) { Hotline.message($('supervision'), answer.problem, true); return; }
    const t = answer.data;
    const note = el('input', { 'aria-label': '督办意见', placeholder: '督办意见' });
    const decide = async approve => {
      const r = await api('POST', `/api/v1/tickets/${t.id}/extension/decision`, { approve, note: note.value || null });
      Hotline.message($('supervision'), r.ok ? (approve ? '已批准延期' : '已驳回延期') : r.problem, !r.ok);
    };
    const may = session.role === 'supervisor' || session.role === 'admin';
    $('supervision').replaceChildren(
      el('p', {}, `${t.number} · ${labels.state[t.state] || t.state} · ${t.lead ? Hotline.departmentName(t.lead) : '未派单'} · 办结时限 ${Hotline.time(t.replyBy) || '—'}`),
      el('p', {}, t.content),
      t.pendingExtension ? el('p', {}, `延期申请：${Hotline.span(t.pendingExtension.extra)}（${t.pendingExtension.reason}）`) : el('p', { className: 'muted' }, '没有待审批的延期申请。'),
      may ? el('div', { className: 'row' }, note,
        t.pendingExtension ? el('button', { type: 'button', onclick: () => decide(true) }, '批准延期') : null,
        t.pendingExtension ? el('button', { type: 'button', className: 'secondary', onclick: () => decide(false) }, '驳回延期') : null,
        el('button', { type: 'button', className: 'secondary', onclick: async () => {
          const r = await api('POST', `/api/v1/tickets/${t.id}/supervise`, { note: note.value });
          Hotline.message($('supervision'), r.ok ? '已督办' : r.problem, !r.ok);
        } }, '督办'),
        el('button', { type: 'button', className: 'secondary', onclick: async () => {
          const r = await api('POST', `/api/v1/tickets/${t.id}/urge`, { note: note.value });
          Hotline.message($('supervision'), r.ok ? '已催办' : r.problem, !r.ok);
        } }, '催办'),
        t.state === 'replied' ? el('button', { type: 'button', className: 'secondary', onclick: async () => {
          const r = await api('POST', `/api/v1/tickets/${t.id}/rework`, { reason: note.value });
          Hotline.message($('supervision'), r.ok ? '已退回承办单位返工' : r.problem, !r.ok);
        } }, '核查返工') : null) : el('p', { className: 'muted' }, '区领导可查看；审批、督办与核查返工由督查办理。'));
  }

  if (!session.alerts.acknowledge) $('alertNote').append('区领导可查看；确认由督查办理。');
  Hotline.onAlerts(renderAlerts);
  $('lookup').addEventListener('click', lookup);
  $('ticketId').addEventListener('keydown', e => { if (e.key === 'Enter') lookup(); });
  for (const id of ['from', 'to']) $(id).addEventListener('change', () => { refreshStats(); refreshGrid(); refreshAreas(); refreshSurges(); });
  $('month').addEventListener('change', refreshAssessment);

  Hotline.poll(refreshStats, 5000);
  Hotline.poll(refreshCards, 5000);
  Hotline.poll(refreshGrid, 15000);
  Hotline.poll(refreshAreas, 15000);
  Hotline.poll(refreshAssessment, 30000);
  Hotline.poll(refreshSurges, 30000);
})();
