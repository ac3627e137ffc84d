'use strict';
// The controls of a ticket's next steps, built from the actions its view names: the API decides which steps the
// signed-in user may take (TicketOffers), so a page never offers one it would refuse. Used by every page that
// works tickets: one ticket's page, the dispatch queue, the 回访 worklist and the supervisors' queues, whose paged
// lists are built here too.
const TicketSteps = (() => {
  const { el, api, labels } = Hotline;
  let serial = 0;

  function field(label, control) {
    const id = `step-${++serial}`;
    control.id = id;
    return el('div', {}, el('label', { for: id }, label), control);
  }

  const text = (placeholder, rows) => rows
    ? el('textarea', { placeholder, style: 'min-height:50px' })
    : el('input', { placeholder });

  let departmentsCache = [];

  function departmentSelect(ticket, multiple) {
    const suggested = (ticket.suggestions || []).map(s => s.code);
    const options = departmentsCache.map(d => el('option', { value: d.code },
      `${d.name}${suggested[0] === d.code ? '（建议）' : ''}`));
    const select = el('select', { multiple: multiple || null, size: multiple ? 4 : null }, multiple ? options : [el('option', { value: '' }, '请选择'), ...options]);
    if (!multiple && suggested.length) select.value = suggested[0];
    return select;
  }

  /** The acting department of a department step: the user's own, or for an admin the lead, as the API's offer assumed. */
  function acting(ticket) { return Hotline.session.department || ticket.lead; }

  function box(title, ...children) {
    return el('fieldset', { className: 'step' }, el('legend', {}, title), ...children);
  }

  /**
   * Renders the ticket's steps into container; done(view) gets the ticket as the step left it. A queue names in only
   * the steps it is for; the others stay on the ticket's own page.
   */
  async function render(ticket, container, done, only) {
    departmentsCache = await Hotline.departmentList();
    // The same live region across renders, so what a step answered stays in view when the ticket is shown anew.
    const result = container.querySelector(':scope > .step-result') || el('div', { className: 'step-result', 'aria-live': 'polite' });
    const run = async (step, body, said) => {
      const answer = await api('POST', `/api/v1/tickets/${ticket.id}/${step}`, body);
      if (answer.ok) await done(answer.data);
      Hotline.message(result, answer.ok ? `${ticket.number}：${said}` : `${ticket.number}：${answer.problem}`, !answer.ok);
    };
    const may = step => ticket.actions.includes(step) && (!only || only.includes(step));
    const boxes = [];

    for (const step of ['dispatch', 'redispatch']) {
      if (!may(step)) continue;
      const lead = departmentSelect(ticket, false);
      const co = departmentSelect(ticket, true);
      const note = text(step === 'dispatch' ? '派单说明（可选）' : '改派理由（必填）');
      const name = labels.action[step];
      boxes.push(box(name, el('div', { className: 'row' }, field('主办单位', lead), field('协办单位（可多选）', co)),
        field(step === 'dispatch' ? '派单说明' : '改派理由', note),
        el('button', { type: 'button', onclick: () => {
          const body = { lead: lead.value, co: [...co.selectedOptions].map(o => o.value).filter(c => c !== lead.value) };
          if (step === 'dispatch') body.note = note.value.trim() || null; else body.reason = note.value.trim();
          return run(step, body, `已${name}至${Hotline.departmentName(lead.value)}`);
        } }, name)));
    }

    if (may('resolve-now')) {
      const answer = text('直接答复市民的内容', true);
      boxes.push(box('直办', field('直办答复', answer),
        el('button', { type: 'button', className: 'secondary', onclick: () => run('resolve-now', { answer: answer.value.trim() }, '已直接办结') }, '直办')));
    }

    if (may('merge-into')) {
      const master = el('input', { placeholder: '主单编号，如 20261123-000042', list: `dups-${ticket.id}`, value: (ticket.possibleDuplicates || [])[0] || '' });
      boxes.push(box('并单', field('并入主单', master),
        el('datalist', { id: `dups-${ticket.id}` }, (ticket.possibleDuplicates || []).map(d => el('option', { value: d }))),
        el('button', { type: 'button', className: 'secondary', onclick: () => run('merge-into', { masterId: master.value.trim() }, `已并入 ${master.value.trim()}`) }, '并单')));
    }

    if (may('sign')) boxes.push(box('签收', el('button', { type: 'button', onclick: () => run('sign', { department: acting(ticket) }, '已签收') }, '签收')));

    const withText = (step, title, placeholder, body, said, rows) => {
      if (!may(step)) return;
      const input = text(placeholder, rows);
      boxes.push(box(title, field(placeholder, input),
        el('button', { type: 'button', className: step === 'reply' ? null : 'secondary', onclick: () => run(step, body(input.value.trim()), said) }, title)));
    };
    withText('reply', '办结反馈', '办理结果', v => ({ department: acting(ticket), result: v }), '已办结反馈', true);
    withText('contribute', '协办反馈', '协办情况', v => ({ department: acting(ticket), text: v }), '已提交协办情况', true);
    withText('return', '退单', '退单理由', v => ({ department: acting(ticket), reason: v }), '已退单');
    withText('await-resident', '补办', '请市民补充的内容', v => ({ text: v }), '已请市民补充信息，时限暂停');
    withText('supplement', '补充', '市民来电补充的内容', v => ({ text: v }), '已补充到工单', true);
    withText('resident-info', '市民已补充', '市民补充的内容', v => ({ text: v }), '市民已补充，时限恢复');

    if (may('extension')) {
      const extra = el('select', {}, [1, 2, 3, 5].map(n => el('option', { value: `${n}.00:00:00` }, `${n}个工作日`)));
      const reason = text('延期理由');
      boxes.push(box('申请延期', el('div', { className: 'row' }, field('延期时长', extra), field('延期理由', reason)),
        el('button', { type: 'button', className: 'secondary', onclick: () => run('extension', { department: acting(ticket), extra: extra.value, reason: reason.value.trim() }, '已申请延期，等待督查审批') }, '申请延期')));
    }

    if (may('extension/decision')) boxes.push(decision(ticket, run));

    withText('rework', '核查返工', '返工理由', v => ({ reason: v }), '已退回承办单位返工');

    if (may('survey')) {
      const comment = text('市民意见（可选）');
      boxes.push(box('回访', field('市民意见', comment), el('div', { className: 'row' },
        ['satisfied', 'basic', 'dissatisfied'].map(r => el('button', { type: 'button', className: r === 'dissatisfied' ? 'secondary' : null,
          onclick: () => run('survey', { rating: r, comment: comment.value.trim() || null }, `回访结果：${labels.rating[r]}`) }, labels.rating[r])),
        may('survey-unreachable') ? el('button', { type: 'button', className: 'secondary',
          onclick: () => run('survey-unreachable', { note: comment.value.trim() || null }, '已记录未接通；三次未接通即不再回访并归档') }, '未接通') : null)));
    }

    withText('supervise', '督办', '督办意见', v => ({ note: v }), '已督办');
    withText('urge', '催办', '催办说明', v => ({ note: v }), '已催办');
    withText('dispute', '派单异议', '异议理由', v => ({ department: acting(ticket), reason: v }), '已提出派单异议，等待审核');
    if (may('dispute/decision')) {
      const note = text('审核意见');
      const decide = upheld => run('dispute/decision', { upheld, note: note.value.trim() },
        upheld ? '异议成立，工单改派或退回重新派单' : '异议不成立，原单位继续办理');
      boxes.push(box('异议审核', field('审核意见', note), el('div', { className: 'row' },
        el('button', { type: 'button', onclick: () => decide(true) }, '异议成立'),
        el('button', { type: 'button', className: 'secondary', onclick: () => decide(false) }, '驳回异议'))));
    }
    if (may('close')) boxes.push(box('归档', el('button', { type: 'button', className: 'secondary', onclick: () => run('close', undefined, '已归档') }, '归档')));

    container.replaceChildren(...(boxes.length ? boxes : [el('p', { className: 'muted' }, '当前状态下您没有可办理的操作。')]), result);
  }

  /** 批准 / 驳回 a pending extension, with the request beside the buttons. */
  function decision(ticket, run) {
    const x = ticket.pendingExtension;
    const note = text('审批意见（可选）');
    const decide = approve => run('extension/decision', { approve, note: note.value.trim() || null }, approve ? '已批准延期' : '已驳回延期');
    return box('延期审批',
      x ? el('p', {}, `${Hotline.departmentName(x.department)} 申请延期 ${Hotline.span(x.extra)}：${x.reason}`) : null,
      field('审批意见', note),
      el('div', { className: 'row' },
        el('button', { type: 'button', onclick: () => decide(true) }, '批准延期'),
        el('button', { type: 'button', className: 'secondary', onclick: () => decide(false) }, '驳回延期')));
  }

  /**
   * A list of the ticket API, one server page at a time, into list with its page links in pages: query() gives the
   * filters, show(items, reload) the nodes for one page's rows. Returns the function that loads the current page again.
   */
  function queue(list, pages, query, show) {
    const size = 10;
    let page = 1;
    const load = async () => {
      const answer = await api('GET', `/api/v1/tickets?${query()}&page=${page}&pageSize=${size}`);
      if (!answer.ok) { Hotline.message(list, answer.problem, true); return; }
      // A step that took the last row of a later page away leaves that page empty: the page before it is shown.
      if (answer.data.items.length === 0 && page > 1) { page--; await load(); return; }
      list.replaceChildren(...await show(answer.data.items, load));
      pages.replaceChildren(Hotline.pager(page, size, answer.data.total, n => { page = n; load(); }));
    };
    return load;
  }

  /** One card per row, each of the whole ticket (a list row is a summary: no content, history or offered steps). */
  async function cards(items, card, empty) {
    if (items.length === 0) return [el('p', { className: 'muted' }, empty)];
    const views = await Promise.all(items.map(s => api('GET', `/api/v1/tickets/${s.id}`)));
    return views.filter(v => v.ok).map(v => card(v.data));
  }

  return { render, queue, cards };
})();
