'use strict';
// The status page. Polls the chain list, summary, readiness and (when the node has one) the cluster view, draws
// messages per minute by status, the detection-delay distribution and the chain-pair matrix as inline SVG and
// tables, follows the event stream for invalid and flipped messages, and shows a message's record when one is
// clicked. Everything it loads comes from this node: no external assets.
(function () {
  const POLL_MS = 2000;
  const CHART_POLL_MS = 5000;
  const MAX_ROWS = 200;
  const RECENT = 15;
  const STATUSES = ['valid', 'pending', 'reorged', 'invalid']; // stacking order, bottom up: invalid on top
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (cls) td.className = cls;
    return td;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  async function json(path) {
    const response = await fetch(path, { cache: 'no-store' });
    return { status: response.status, body: await response.json() };
  }

  const hhmm = (iso) => new Date(iso).toISOString().slice(11, 16);
  const unixTime = (seconds) => new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
  /** An API time (nanoseconds at most) to the millisecond, readable: 2026-12-02 22:41:54.598. */
  const readable = (iso) => (iso ? iso.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1').replace(/Z$/, '') : null);
  /** A tick label: whole numbers plain, halves with one decimal. */
  const tick = (n) => String(Math.round(n * 10) / 10);

  /** A round axis maximum at or above n: 1, 2 or 5 times a power of ten. */
  function niceMax(n) {
    if (n <= 1) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(n)));
    return [1, 2, 5, 10].map((f) => f * power).find((m) => m >= n);
  }

  /**
   * An empty bar chart as wide as {@code box}, for {@code bars} bars up to {@code max}: its SVG with the zero line
   * and two labelled grid lines, and where bar {@code i} goes (x, width) and how tall n is.
   */
  function barChart(box, bars, max, gap) {
    const width = Math.max(320, Math.round(box.clientWidth || 640));
    const height = 190;
    const left = 34;
    const top = 8;
    const plotW = width - left - 6;
    const plotH = height - top - 20;
    const base = top + plotH;
    const slot = plotW / bars;
    const barW = Math.max(1, slot - gap(slot));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
    [0, 0.5, 1].forEach((f) => {
      const y = base - f * plotH;
      chart.append(svg('line', { class: f === 0 ? 'axis' : 'grid-line', x1: left, x2: width - 6, y1: y, y2: y }));
      chart.append(svg('text', { x: left - 5, y: y + 4, 'text-anchor': 'end' }, tick(f * max)));
    });
    return {
      chart, width, height, base,
      x: (i) => (left + i * slot + (slot - barW) / 2).toFixed(1),
      barWidth: barW.toFixed(1),
      tall: (n) => (n / max) * plotH,
      label: (i, text, anchor) => chart.append(svg('text', { x: anchor === 'end' ? width - 6 : left + i * slot + slot / 2,
        y: height - 5, 'text-anchor': anchor || 'middle' }, text)),
    };
  }

  // ---- messages per minute by status (stacked bars) ----

  /** The last answers drawn, to redraw at a new width without asking again. */
  const drawn = {};

  /** Draws the charts again at their containers' current width (the window or the page's layout changed). */
  function redraw() {
    if (drawn.series) drawSeries(drawn.series);
    if (drawn.delays) drawDelays(drawn.delays);
  }

  window.addEventListener('resize', redraw);

  function drawSeries(series) {
    drawn.series = series;
    const box = $('series');
    const buckets = series.buckets;
    const totals = buckets.map((b) => STATUSES.reduce((sum, s) => sum + (b.counts[s] || 0), 0));
    const c = barChart(box, buckets.length, niceMax(Math.max(0, ...totals)), (slot) => Math.min(3, slot * 0.2));
    buckets.forEach((bucket, i) => {
      let y = c.base;
      STATUSES.forEach((status) => {
        const n = bucket.counts[status] || 0;
        if (n === 0) return;
        const h = c.tall(n);
        y -= h;
        const rect = svg('rect', { class: 'bar s-' + status, x: c.x(i), y: y.toFixed(2), width: c.barWidth,
          height: h.toFixed(3), 'data-start': bucket.start, 'data-status': status, 'data-count': n });
        rect.append(svg('title', {}, `${hhmm(bucket.start)} ${status}: ${n}`));
        c.chart.append(rect);
      });
      if (i === buckets.length - 1) {
        c.label(i, 'now', 'end');
      } else if (i % 10 === 0) {
        c.label(i, hhmm(bucket.start));
      }
    });
    if (totals.every((t) => t === 0)) {
      c.chart.append(svg('text', { class: 'empty', x: c.width / 2, y: c.base / 2, 'text-anchor': 'middle' },
        'No messages in this window'));
    }
    box.replaceChildren(c.chart);
    const legend = $('series-legend');
    if (!legend.childElementCount) {
      ['valid', 'invalid', 'pending', 'reorged'].forEach((s) => {
        const item = el('span');
        item.append(el('i', { style: `background: var(--${s})` }), document.createTextNode(s));
        legend.append(item);
      });
    }
  }

  // ---- detection-delay distribution (histogram) ----

  function delayLabel(upTo) {
    if (upTo === null) return '>' + delayLabel(lastBound).slice(1);
    return '≤' + (upTo < 1 ? Math.round(upTo * 1000) + 'ms' : upTo + 's');
  }

  let lastBound = 60;

  /** The smallest bound under which at least q of the judged messages fall. */
  function quantile(delays, q) {
    const total = delays.reduce((sum, d) => sum + d.count, 0);
    let seen = 0;
    for (const d of delays) {
      seen += d.count;
      if (seen >= q * total) return delayLabel(d.upToSeconds);
    }
    return '–';
  }

  function drawDelays(delays) {
    drawn.delays = delays;
    const box = $('delays');
    lastBound = delays.filter((d) => d.upToSeconds !== null).map((d) => d.upToSeconds).pop() || lastBound;
    const c = barChart(box, delays.length, niceMax(Math.max(0, ...delays.map((d) => d.count))), (slot) => slot * 0.22);
    delays.forEach((d, i) => {
      const h = c.tall(d.count);
      const slow = d.upToSeconds === null || d.upToSeconds > 0.25; // above the 250 ms target
      const rect = svg('rect', { class: 'delay' + (slow ? ' slow' : ''), x: c.x(i),
        y: (c.base - h).toFixed(2), width: c.barWidth, height: h.toFixed(3),
        'data-up-to': d.upToSeconds === null ? '+Inf' : String(d.upToSeconds), 'data-count': d.count });
      rect.append(svg('title', {}, `${delayLabel(d.upToSeconds)}: ${d.count}`));
      c.chart.append(rect);
      if (i % 2 === 0 || i === delays.length - 1) {
        c.label(i, delayLabel(d.upToSeconds));
      }
    });
    box.replaceChildren(c.chart);
    const judged = delays.reduce((sum, d) => sum + d.count, 0);
    $('delays-note').textContent = judged === 0 ? 'No verdicts yet.'
      : `${judged} judged; p50 ${quantile(delays, 0.5)}, p99 ${quantile(delays, 0.99)}; target 250 ms`;
  }

  // ---- executing × initiating matrix ----

  let pair = null; // the matrix cell whose messages the latest-messages list shows, or null for all

  function drawMatrix(counts, chainIds) {
    const label = (id) => (id === null ? 'unreadable' : id);
    const executing = [...new Set([...chainIds, ...counts.map((c) => c.executingChainId)])];
    const initiating = [...new Set([...chainIds, ...counts.map((c) => c.initiatingChainId)])];
    const cells = new Map();
    counts.forEach((c) => {
      const key = c.executingChainId + '|' + c.initiatingChainId;
      const entry = cells.get(key) || { total: 0, invalid: 0 };
      entry.total += c.count;
      if (c.status === 'invalid') entry.invalid += c.count;
      cells.set(key, entry);
    });
    const head = el('tr');
    head.append(el('th', { class: 'row' }, 'exec ↓ / init →'), ...initiating.map((i) => el('th', {}, label(i))));
    const rows = executing.map((e) => {
      const tr = el('tr');
      tr.append(el('th', { class: 'row' }, e));
      initiating.forEach((i) => {
        const entry = cells.get(e + '|' + i) || { total: 0, invalid: 0 };
        const td = el('td', { 'data-executing': e, 'data-initiating': label(i), 'data-total': entry.total,
          'data-invalid': entry.invalid }, entry.total);
        td.className = entry.total === 0 ? 'none' : entry.invalid > 0 ? 'invalid' : '';
        if (entry.invalid > 0) td.append(el('span', { class: 'bad' }, entry.invalid + ' invalid'));
        if (pair && pair.executing === e && pair.initiating === i) td.classList.add('selected');
        td.title = `executed on ${e}, initiated on ${label(i)}: ${entry.total} messages, ${entry.invalid} invalid`;
        if (entry.total > 0 && i !== null) {
          td.addEventListener('click', () => {
            pair = pair && pair.executing === e && pair.initiating === i ? null : { executing: e, initiating: i };
            recent();
            summary();
          });
        }
        tr.append(td);
      });
      return tr;
    });
    $('matrix').tHead.replaceChildren(head);
    $('matrix').tBodies[0].replaceChildren(...rows);
    $('matrix-empty').hidden = counts.length > 0;
  }

  // ---- polled views ----

  let chainIds = [];

  async function chains() {
    const { body } = await json('api/v1/chains');
    chainIds = body.chains.map((c) => c.chainId);
    const rows = body.chains.map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.chainId = c.chainId;
      tr.append(cell(c.chainId), cell(c.rpc), cell(c.connected ? 'yes' : 'no', c.connected ? 'yes' : 'no'),
        cell(c.heads.latest), cell(c.heads.safe), cell(c.heads.finalized), cell(c.checkpoint), cell(c.lagBlocks),
        cell(c.owners.join(', ')), cell(c.lastError));
      return tr;
    });
    $('chains').tBodies[0].replaceChildren(...rows);
  }

  async function summary() {
    const { body } = await json('api/v1/summary');
    const tiles = [['total', body.total], ...Object.entries(body.byStatus), ['flips', body.flips]].map(([name, n]) => {
      const div = document.createElement('div');
      div.className = 'count ' + name;
      div.dataset.name = name;
      const b = document.createElement('b');
      b.textContent = String(n);
      div.append(b, document.createTextNode(name));
      return div;
    });
    $('counts').replaceChildren(...tiles);
    drawDelays(body.detectionDelays);
    drawMatrix(body.counts, chainIds);
  }

  async function series() {
    drawSeries((await json('api/v1/series?window=1h&step=1m')).body);
  }

  async function recent() {
    let query = 'api/v1/messages?limit=' + RECENT;
    if (pair) query += '&executingChainId=' + pair.executing + '&initiatingChainId=' + pair.initiating;
    const { body } = await json(query);
    $('recent-filter').textContent = pair
      ? `executed on ${pair.executing}, initiated on ${pair.initiating} (click the cell again for all)`
      : 'newest first; click one for its record';
    $('recent').tBodies[0].replaceChildren(...body.items.map((m) => {
      const tr = document.createElement('tr');
      tr.dataset.id = m.id;
      tr.append(cell(unixTime(m.executingTimestamp).slice(11, 19)), cell(m.status, 'status ' + m.status),
        cell(m.reason), cell(m.executingChainId), cell(m.executingBlockNumber),
        cell(m.identifier ? m.identifier.chainId : null), cell(m.safety.executing), cell(m.id, 'id'));
      tr.addEventListener('click', () => showMessage(m.id));
      return tr;
    }));
  }

  async function ready() {
    const { status, body } = await json('readyz');
    const badge = $('ready');
    badge.textContent = status === 200 ? 'ready' : 'not ready: ' + (body.problems || []).join('; ');
    badge.className = 'badge ' + (status === 200 ? 'on' : 'off');
  }

  async function cluster() {
    const response = await fetch('api/v1/cluster', { cache: 'no-store' });
    if (response.status !== 200) {
      $('cluster-section').hidden = true;
      return;
    }
    const c = await response.json();
    $('node').textContent = 'node ' + c.node + (c.site ? ' · site ' + c.site : '');
    const owners = Object.entries(c.owners || {}).map(([chain, names]) => chain + ': ' + names.join(', '));
    $('cluster').textContent = ['this node: ' + c.node + (c.site ? ' (site ' + c.site + ')' : ''),
      'coordinator: ' + c.coordinator, 'members: ' + (c.members || []).join(', '),
      'view: ' + c.viewId + (c.degraded ? ' (DEGRADED)' : ''), 'owners: ' + owners.join('; ')].join('\n');
    $('cluster').className = c.degraded ? 'degraded' : '';
    $('cluster-section').hidden = false;
  }

  async function each(parts) {
    for (const part of parts) {
      try {
        await part();
      } catch (e) {
        // The node may be restarting: keep the last view and try again on the next tick.
      }
    }
  }

  const poll = () => each([chains, summary, ready, cluster]);
  const pollCharts = () => each([series, recent]);

  // ---- one message's record ----

  function definitions(pairs) {
    const dl = el('dl');
    pairs.forEach(([term, value, cls]) => dl.append(el('dt', {}, term), el('dd', cls ? { class: cls } : {},
      value === null || value === undefined ? '–' : value)));
    return dl;
  }

  function section(title, content) {
    const wrap = document.createDocumentFragment();
    wrap.append(el('h3', {}, title), content);
    return wrap;
  }

  /**
   * Per-site verdicts: `sites` maps each site that judged the message to its own verdict, and `agreement` says
   * whether they agree (`agree`, `disagree`, `single-site`). A disagreement is how a lying provider in one region
   * shows, so it is marked.
   */
  function sites(m) {
    const names = Object.keys(m.sites || {}).sort();
    const table = el('table', { id: 'detail-sites', 'data-agreement': m.agreement });
    table.append(el('thead'));
    table.tHead.append(el('tr'));
    ['site', 'verdict', 'judged'].forEach((h) => table.tHead.rows[0].append(el('th', {}, h)));
    const body = el('tbody');
    names.forEach((name) => {
      const s = m.sites[name];
      const tr = el('tr', { 'data-site': name });
      const verdict = cell(s.status + (s.reason ? ' (' + s.reason + ')' : '') + (s.final ? ', final' : ''),
        'status ' + s.status);
      const judged = cell(s.changedAt ? readable(s.changedAt).slice(11) : '');
      judged.title = s.changedAt || '';
      tr.append(cell(name), verdict, judged);
      body.append(tr);
    });
    table.append(body);
    const wrap = document.createDocumentFragment();
    wrap.append(el('p', { class: 'agreement ' + m.agreement, id: 'detail-agreement' }, 'sites: ' + m.agreement),
      table);
    return wrap;
  }

  async function showMessage(id) {
    const { status, body: m } = await json('api/v1/messages/' + encodeURIComponent(id));
    const panel = $('detail');
    const content = $('detail-body');
    panel.dataset.id = id;
    if (status !== 200) {
      $('detail-title').textContent = 'Message not found';
      content.replaceChildren(el('p', { class: 'muted' }, 'It may have expired after the retention period.'));
      panel.hidden = false;
      document.body.classList.add('detail-open');
      return;
    }
    $('detail-title').replaceChildren(document.createTextNode('Message '),
      el('span', { class: 'status ' + m.status }, m.status + (m.reason ? ' (' + m.reason + ')' : '')));
    const history = el('table', { id: 'detail-history' });
    history.append(el('thead'), el('tbody'));
    history.tHead.append(el('tr'));
    ['status', 'reason', 'at'].forEach((h) => history.tHead.rows[0].append(el('th', {}, h)));
    m.history.forEach((h) => {
      const tr = el('tr');
      const at = cell(readable(h.at));
      at.title = h.at;
      tr.append(cell(h.status, 'status ' + h.status), cell(h.reason), at);
      history.tBodies[0].append(tr);
    });
    const id0 = m.identifier;
    content.replaceChildren(
      definitions([['id', m.id, 'mono'], ['message hash', m.msgHash, 'mono']]),
      section('Executing log', definitions([['chain', m.executingChainId], ['block', m.executingBlockNumber],
        ['block hash', m.executingBlockHash, 'mono'], ['log index', m.executingLogIndex],
        ['transaction', m.executingTxHash, 'mono'],
        ['block time', m.executingTimestamp + ' (' + unixTime(m.executingTimestamp) + ')']])),
      section('Identifier (initiating log)', id0 ? el('div', { id: 'detail-identifier' }) : el('p', { class: 'muted' },
        'none: the log is too malformed to read one')),
      section('Safety', definitions([['executing block', m.safety.executing], ['initiating block', m.safety.initiating],
        ['final', m.final ? 'yes: verdict frozen' : 'no'], ['flips', m.flips]])),
      section('Access list', definitions([['declared', m.accessList]])),
      section('History', history),
      section('Per-site verdicts', sites(m)),
      definitions([['first seen', readable(m.firstSeenAt)], ['last checked', readable(m.lastCheckedAt)]]));
    if (id0) {
      $('detail-identifier').append(definitions([['chain', id0.chainId], ['origin', id0.origin, 'mono'],
        ['block', id0.blockNumber], ['log index', id0.logIndex],
        ['timestamp', id0.timestamp + (id0.timestamp.length <= 12 ? ' (' + unixTime(id0.timestamp) + ')' : '')]]));
    }
    panel.hidden = false;
    document.body.classList.add('detail-open');
    redraw();
  }

  function closeMessage() {
    $('detail').hidden = true;
    document.body.classList.remove('detail-open');
    redraw();
  }

  $('detail-close').addEventListener('click', closeMessage);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeMessage(); });

  // ---- live list of invalid and flipped messages ----

  function shown(event) {
    const m = event.message;
    const flipped = event.previousStatus && ['valid', 'invalid'].includes(event.previousStatus)
      && ['valid', 'invalid'].includes(m.status) && event.previousStatus !== m.status;
    return m.status === 'invalid' || flipped;
  }

  // A reconnecting EventSource replays what it had already received: show each event once.
  const seen = new Set();
  let refresh = null;

  function onEvent(e) {
    // Messages changed: redraw the charts soon, once per burst of events.
    if (!refresh) refresh = setTimeout(() => { refresh = null; pollCharts(); }, 500);
    const event = JSON.parse(e.data);
    if (seen.has(event.id) || !shown(event)) return;
    seen.add(event.id);
    const m = event.message;
    const tr = document.createElement('tr');
    tr.className = m.status;
    tr.dataset.id = m.id;
    const kind = event.previousStatus && event.previousStatus !== m.status
      ? event.previousStatus + ' → ' + m.status : event.kind;
    tr.append(cell(new Date().toISOString().slice(11, 19)), cell(kind), cell(m.status), cell(m.reason),
      cell(m.executingChainId), cell(m.identifier ? m.identifier.chainId : null), cell(m.id, 'id'));
    tr.addEventListener('click', () => showMessage(m.id));
    const body = $('alerts').tBodies[0];
    body.prepend(tr);
    while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
    $('alerts-empty').hidden = true;
  }

  function stream() {
    const source = new EventSource('api/v1/events?replay=200');
    const badge = $('stream');
    source.onopen = () => { badge.textContent = 'stream: live'; badge.className = 'badge on'; };
    source.onerror = () => { badge.textContent = 'stream: reconnecting'; badge.className = 'badge off'; };
    for (const kind of ['new', 'verdict', 'final', 'safety']) source.addEventListener(kind, onEvent);
  }

  stream();
  poll().then(pollCharts);
  setInterval(poll, POLL_MS);
  setInterval(pollCharts, CHART_POLL_MS);
}());
