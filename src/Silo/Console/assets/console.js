'use strict';
// Shared by every console page: the session, API calls with the session's CSRF token, labels in
// Chinese, countdowns, polling that keeps a page live without reloads, and the count of open alerts.
const Hotline = (() => {
  const labels = {
    state: { accepted: '已受理', resolved: '直接办结', dispatched: '待签收', inProgress: '办理中', awaitingResident: '补办中',
      replied: '已反馈', reopened: '重办', closed: '已归档', merged: '已并单' },
    type: { consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' },
    channel: { call: '来电', sms: '短信', wechat: '微信', chat: '社区群', platform: '上级平台', web: '网站', open311: 'Open311' },
    role: { admin: '管理员', operator: '话务员', dispatcher: '派单员', department: '承办单位', gridworker: '网格员',
      supervisor: '督查', leader: '区领导' },
    alert: { urgent: '紧急工单', surge: '突发聚集', 'failed-message': '消息处理失败' },
  };
  const pages = { operator: '受理', department: '承办', grid: '网格', leader: '领导看板' };
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
    const nav = el('nav', {}, Object.entries(pages)
      .filter(([key]) => mayOpen(key))
      .map(([key, name]) => el('a', { href: `/console/${key}`, 'aria-current': key === page ? 'page' : null }, name)));
    const logout = el('button', { type: 'button', onclick: async () => { await api('POST', '/console/logout'); location.href = '/console/login'; } }, '退出');
    document.body.prepend(el('header', { className: 'top' },
      el('h1', {}, `12345 热线 · ${pages[page]}`), nav,
      session.alerts.read ? alertLink() : null,
      el('span', { id: 'who' }, `${session.name}（${labels.role[session.role] || session.role}${session.department ? ' · ' + session.department : ''}${session.gridCell ? ' · ' + session.gridCell : ''}）`),
      logout));
    // In a storm thousands are open: the leader page lists the newest 100, the others show only the count, which the
    // API's total gives with the least page it takes.
    alertsListed = page === 'leader' ? 100 : 1;
    if (session.alerts.read) poll(refreshAlerts, 5000);
    return session;
  }

  function mayOpen(page) { return session.role === 'admin' || page === session.home; }

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

  return { el, api, init, mayOpen, onAlerts, refreshAlerts, poll, countdown, time, clock, percent, duration, span, message, labels,
    departmentList, departmentName, get session() { return session; } };
})();
