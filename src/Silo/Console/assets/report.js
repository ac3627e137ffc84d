'use strict';
// 月度通报: the month's assessment ranking, each department's rates and cards, and the cells with the most overdue
// tickets, laid out to print on A4 (the print stylesheet drops the console's header and controls).
(async () => {
  const { el, api, labels, percent } = Hotline;
  const session = await Hotline.init('report');
  if (!session) return;
  const $ = id => document.getElementById(id);
  await Hotline.departmentList();
  const [year, month] = session.today.split('-').map(Number);
  for (let i = 0; i < 12; i++) {
    const m = new Date(year, month - 1 - i, 1);
    const value = `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`;
    $('month').append(el('option', { value }, `${m.getFullYear()}年${m.getMonth() + 1}月${i === 0 ? '（进行中）' : ''}`));
  }

  const table = (heads, rows) => rows.length === 0 ? el('p', { className: 'muted' }, '本月无数据。') : el('table', {},
    el('thead', {}, el('tr', {}, heads.map((h, i) => el('th', { scope: 'col', className: i ? 'num' : null }, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => el('td', { className: i ? 'num' : null }, c))))));

  async function load() {
    const chosen = $('month').value;
    const [y, m] = chosen.split('-').map(Number);
    const last = new Date(y, m, 0).getDate();
    const end = `${chosen}-${String(last).padStart(2, '0')}`;
    const to = end < session.today ? end : session.today;
    const period = `from=${chosen}-01&to=${to}`;
    const [assessment, byDepartment, byCell, byChannel] = await Promise.all([
      api('GET', `/api/v1/assessment?month=${chosen}`),
      api('GET', `/api/v1/stats?by=department&${period}`),
      api('GET', `/api/v1/stats?by=gridCell&${period}`),
      api('GET', `/api/v1/stats?by=channel&${period}`),
    ]);
    const failed = [assessment, byDepartment, byCell, byChannel].find(a => !a.ok);
    if (failed) { Hotline.message($('overall'), failed.problem, true); return; }

    $('reportTitle').textContent = `12345 热线 ${y}年${m}月 工作通报`;
    $('reportNote').textContent = `统计期间：${chosen}-01 至 ${to}${assessment.data.final ? '' : '（本月尚未结束，数据随办理进展变化）'}`;
    const channels = byChannel.data.rows;
    const sum = key => channels.reduce((s, r) => s + (r[key] || 0), 0);
    $('overall').replaceChildren(el('p', {}, `本月共受理诉求 ${sum('accepted')} 件，其中直接办结 ${sum('resolved')} 件；`,
      channels.map(r => `${labels.channel[r.key] || r.key} ${r.accepted} 件`).join('、'), '。'));

    $('ranking').replaceChildren(table(['承办单位', '排名', '得分', '案件数', '超期扣分', '办结率扣分', '投诉扣分', '群众评议'],
      assessment.data.departments.map(d => [d.name || d.department, d.rank || '不排名', d.score, d.cases, d.deductions.overdue.points,
        d.deductions.completion.points, d.deductions.complaints.reduce((s, c) => s + c.points, 0), d.ratingLabel])));

    const deps = byDepartment.data.rows.filter(r => r.key !== '(none)');
    $('rates').replaceChildren(table(['承办单位', '派单', '办结', '签收及时率', '按时办结率', '满意率', '退单率', '改派率', '重办率'],
      deps.map(r => [r.name || r.key, r.dispatched, r.replied, percent(r.signOnTimeRate), percent(r.onTimeRate), percent(r.satisfactionRate),
        percent(r.returnRate), percent(r.redispatchRate), percent(r.reopenRate)])));

    $('cards').replaceChildren(table(['承办单位', '红牌', '黄牌', '超期件'],
      deps.filter(r => r.redCards || r.yellowCards || r.overdue).sort((a, b) => b.redCards - a.redCards || b.yellowCards - a.yellowCards)
        .map(r => [r.name || r.key, r.redCards, r.yellowCards, r.overdue])));

    const cells = byCell.data.rows.filter(r => r.key !== '(none)')
      .sort((a, b) => b.overdue - a.overdue || b.redCards - a.redCards || b.accepted - a.accepted).slice(0, 10);
    $('cells').replaceChildren(table(['网格', '受理', '超期件', '红牌', '满意率'],
      cells.map(r => [r.key, r.accepted, r.overdue, r.redCards, percent(r.satisfactionRate)])));
  }

  $('month').addEventListener('change', load);
  $('print').addEventListener('click', () => window.print());
  await load();
})();
