'use strict';
// Shared by every console page: the session, API calls with the session's CSRF token, labels in
// Chinese, countdowns, polling that keeps a page live without reloads, and the count of open alerts.
const Hotline = (() => {
  const labels = {
    state: { accepted: '已受理', resolved: '直接办结', dispatched: '待签收', inProgress: '办理中', awaitingResident: '补办中',
      replied: '已反馈', reopened: '重办', closed: '已归档', merged: '已并单' },
    type: { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' },
    channel: { call: '来电', sms: '短信', wechat: '微信', chat: '社区群', platform: '上级平台', web: '网站', open311: 'Open311', patrol: '巡查上报' },
    role: { admin: '管理员', operator: '话务员', dispatcher: '派单员', department: '承办单位', gridworker: '网格员',
      supervisor: '督查', leader: '区领导' },
    alert: { urgent: '紧急工单', surge: '突发聚集', 'failed-message': '消息处理失败' },
    action: { accept: '受理', resolveNow: '直办', dispatch: '派单', redispatch: '改派', sign: '签收', return: '退单',
      awaitResident: '补办（等待市民补充）', residentInfo: '市民已补充', contribute: '协办反馈', supplement: '来电补充', requestExtension: '申请延期',
      approveExtension: '批准延期', rejectExtension: '驳回延期', reply: '办结反馈', rework: '核查返工', survey: '回访', supervise: '督办',
      surveyUnreachable: '回访未接通', merge: '并单', attachMerged: '并入工单', masterReplied: '主单答复', masterReplyWithdrawn: '主单答复撤回', close: '归档',
      yellowCard: '黄牌', redCard: '红牌' },
    rating: { satisfied: '满意', basic: '基本满意', dissatisfied: '不满意' },
  };
  const pages = { operator: '受理', dispatch: '派单', department: '承办', grid: '网格', supervise: '督查', surveys: '回访', leader: '领导看板', report: '月度通报', tickets: '工单查询' };
  let session = null;
  let departments = null;
  let alertBadge = null;
  let pageTitle = '';
  let openAlerts = null;
  let alertsAsked = 0;
  let alertsShown = 0;
  let alertsListed = null;
  const alertViews = [];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'className') node.className = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && session && session.csrf) headers['X-CSRF-Token'] = session.csrf;
    const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) { location.href = '/console/login'; }
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = text; }
    return { ok: response.ok, status: response.status, data, problem: response.ok ? null : (data && data.detail) || `HTTP ${response.status}` };
  }

  async function init(page) {
    const answer = await api('GET', '/console/session');
    if (!answer.ok) { location.href = '/console/login'; return null; }
    session = answer.data;
    // One ticket's page belongs to the list it is opened from.
    const menu = page === 'ticket' ? 'tickets' : page;
    const nav = el('nav', { 'aria-label': '页面' }, session.pages
      .map(key => el('a', { href: `/console/${key}`, 'aria-current': key === menu ? 'page' : null }, pages[key])));
    const logout = el('button', { type: 'button', onclick: async () => { await api('POST', '/console/logout'); location.href = '/console/login'; } }, '退出');
    document.body.prepend(el('header', { className: 'top' },
      el('h1', {}, `12345 热线 · ${page === 'ticket' ? '工单详情' : pages[page]}`), nav,
      session.alerts.read ? alertLink() : null,
      el('span', { id: 'who' }, `${session.name}（${labels.role[session.role] || session.role}${session.department ? ' · ' + session.department : ''}${session.gridCell ? ' · ' + session.gridCell : ''}）`),
      logout));
    // In a storm thousands are open: the leader page lists the newest 100, the others show only the count, which the
    // API's total gives with the least page it takes.
    alertsListed = page === 'leader' ? 100 : 1;
    if (session.alerts.read) poll(refreshAlerts, 5000);
    return session;
  }

  function mayOpen(page) { return session.pages.includes(page); }

  // Whoever may read alerts sees how many are open in the header of every page and in the tab's title, so a new
  // urgent alert is noticed wherever they work; the leader page lists them.
  function alertLink() {
    pageTitle = document.title;
    alertBadge = el('span', { className: 'badge' });
    return el('a', { id: 'alertCount', className: 'alerts', href: '/console/leader#alerts', title: '待确认的告警' }, '告警 ', alertBadge);
  }

  async function refreshAlerts() {
    const asked = ++alertsAsked;
    const answer = await api('GET', `/api/v1/alerts?open=true&page=1&pageSize=${alertsListed}`);
    // A poll that crossed an acknowledgement answers last with the alert still open; it would bring it back for a while.
    if (asked < alertsShown) return;
    alertsShown = asked;
    openAlerts = answer;
    const count = answer.ok ? answer.data.total : null;
    alertBadge.textContent = count === null ? '?' : count;
    alertBadge.className = `badge ${count === 0 ? 'green' : 'red'}`;
    document.title = count ? `(${count}) ${pageTitle}` : pageTitle;
    for (const view of alertViews) view(answer);
  }

  /** Calls view with every answer about the open alerts, at once with the latest if there is one. */
  function onAlerts(view) {
    alertViews.push(view);
    if (openAlerts) view(openAlerts);
  }

  async function departmentList() {
    if (!departments) {
      const answer = await api('GET', '/api/v1/departments');
      departments = answer.ok ? answer.data : [];
    }
    return departments;
  }

  function departmentName(code) {
    const found = (departments || []).find(d => d.code === code);
    return found ? found.name : code;
  }

  /** Keeps calling fn every ms milliseconds, one call at a time, for as long as the page is open. */
  function poll(fn, ms) {
    const tick = async () => {
      try { await fn(); } catch (error) { console.error(error); }
      setTimeout(tick, ms);
    };
    return tick();
  }

  function duration(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), rest = minutes % 60;
    return (days ? `${days}天` : '') + (days || hours ? `${hours}小时` : '') + `${rest}分`;
  }

  function countdown(iso) {
    if (!iso) return '无时限';
    const left = new Date(iso).getTime() - Date.now();
    return left >= 0 ? `剩余 ${duration(left)}` : `超时 ${duration(left)}`;
  }

  // Times are shown in the centre's local time, which deadlines and residents go by; the browser's own zone may be
  // another. The Date centre() gives reads that wall clock in its UTC fields.
  function centre(instant) { return new Date(new Date(instant).getTime() + session.utcOffsetMinutes * 60000); }
  const pad = n => String(n).padStart(2, '0');

  function time(iso) {
    if (!iso) return '';
    const d = centre(iso);
    return `${d.getUTCMonth() + 1}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  }

  /** The centre's time of day now, to the second. */
  function clock() {
    const d = centre(Date.now());
    return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }

  function percent(rate) { return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`; }

  // A span as .NET writes it ("2.00:00:00", "04:30:00"), in the words the department page offers it with.
  function span(text) {
    const m = /^(?:(\d+)\.)?(\d+):(\d+)/.exec(text || '');
    if (!m) return text || '';
    const [days, hours, minutes] = [Number(m[1] || 0), Number(m[2]), Number(m[3])];
    return `${days ? `${days}个工作日` : ''}${hours ? `${hours}小时` : ''}${minutes ? `${minutes}分钟` : ''}` || '0';
  }

  function message(container, text, isError) {
    container.replaceChildren(el('div', { className: isError ? 'message error' : 'message', role: 'status' }, text));
  }

  function ticketLink(id) { return el('a', { href: `/console/tickets/${encodeURIComponent(id)}` }, id); }

  /**
   * The page links of a list paged on the server: go(n) loads page n. Only the rows of one page ever reach the
   * browser; the total comes with them. atLeast: the list stopped counting at total (a keyword search) and holds more.
   */
  function pager(page, size, total, go, atLeast = false) {
    const last = Math.max(1, Math.ceil(total / size));
    const more = atLeast ? '+' : '';
    return el('nav', { className: 'row pager', 'aria-label': '翻页' },
      el('button', { type: 'button', className: 'secondary', disabled: page <= 1, onclick: () => go(page - 1) }, '上一页'),
      el('span', { className: 'fixed muted' }, `第 ${page} / ${last}${more} 页，共 ${total}${more} 件`),
      el('button', { type: 'button', className: 'secondary', disabled: page >= last, onclick: () => go(page + 1) }, '下一页'));
  }

  return { el, api, init, mayOpen, onAlerts, refreshAlerts, poll, countdown, time, clock, percent, duration, span, message, labels,
    departmentList, departmentName, departmentCache: () => departments || [], ticketLink, pager, get session() { return session; } };
})();
