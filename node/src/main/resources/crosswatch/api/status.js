'use strict';
// The status page: polls the chain list, summary, readiness and (when the node has one) the cluster view, and
// follows the event stream for invalid and flipped messages. Everything it loads comes from this node.
(function () {
  const POLL_MS = 2000;
  const MAX_ROWS = 200;
  const $ = (id) => document.getElementById(id);

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (cls) td.className = cls;
    return td;
  }

  async function json(path) {
    const response = await fetch(path, { cache: 'no-store' });
    return { status: response.status, body: await response.json() };
  }

  async function chains() {
    const { body } = await json('api/v1/chains');
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
    const owners = Object.entries(c.owners || {}).map(([chain, names]) => chain + ': ' + names.join(', '));
    $('cluster').textContent = ['this node: ' + c.node + (c.site ? ' (site ' + c.site + ')' : ''),
      'coordinator: ' + c.coordinator, 'members: ' + (c.members || []).join(', '),
      'view: ' + c.viewId + (c.degraded ? ' (DEGRADED)' : ''), 'owners: ' + owners.join('; ')].join('\n');
    $('cluster').className = c.degraded ? 'degraded' : '';
    $('cluster-section').hidden = false;
  }

  async function poll() {
    for (const part of [chains, summary, ready, cluster]) {
      try {
        await part();
      } catch (e) {
        // The node may be restarting: keep the last view and try again on the next tick.
      }
    }
  }

  function shown(event) {
    const m = event.message;
    const flipped = event.previousStatus && ['valid', 'invalid'].includes(event.previousStatus)
      && ['valid', 'invalid'].includes(m.status) && event.previousStatus !== m.status;
    return m.status === 'invalid' || flipped;
  }

  // A reconnecting EventSource replays what it had already received: show each event once.
  const seen = new Set();

  function onEvent(e) {
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
  poll();
  setInterval(poll, POLL_MS);
}());
