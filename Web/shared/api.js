// The HTTP API as the pages use it: the API key lives in sessionStorage only (never in a URL),
// every call sends it as a Bearer header, and errors come back as ApiError with the API's fields.

const KEY = 'hotline.apiKey';

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || `http_${status}`;
    this.fields = error.fields || [];
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/// Calls the API; `body` is sent as JSON. Resolves with the parsed JSON, rejects with ApiError.
export async function api(method, path, body, key = storedKey()) {
  const headers = { Authorization: `Bearer ${key || ''}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/// Checks a key with `GET /v1/me` (or `check`, e.g. the big screen's `/v1/screen`, which a
/// `screen` key may read) and keeps it for this browser session.
export async function signIn(key, check = '/v1/me') {
  const me = await api('GET', check, undefined, key);
  sessionStorage.setItem(KEY, key);
  return me;
}

/// A query string from an object, leaving out empty values.
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/// Follows `GET /v1/events/stream` (Server-Sent Events read with fetch, so the key travels in a
/// header). Calls onEvent(event) for each event and onSync() whenever the page must reload its
/// snapshot: after (re)connecting and when the server says events may have been missed. A stream
/// silent for 40 s (heartbeats come every 15 s) is dropped and opened again.
export function followEvents({ onEvent, onSync, onState = () => {} }) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      let watchdog = null;
      const arm = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), 40000);
      };
      try {
        arm();
        const response = await fetch('/v1/events/stream', {
          headers: { Authorization: `Bearer ${storedKey() || ''}`, Accept: 'text/event-stream' },
          signal: controller.signal, cache: 'no-store',
        });
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState('live');
        delay = 1000;
        onSync();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          arm();
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            dispatch(block);
          }
        }
      } catch (error) {
        if (stopped) return;
      } finally {
        clearTimeout(watchdog);
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  }

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (!data.length) return;
    if (type === 'resync') { onSync(); return; }
    try { onEvent(JSON.parse(data.join('\n'))); } catch { /* not an event of ours */ }
  }

  connect();
  return { stop() { stopped = true; if (controller) controller.abort(); } };
}

/// Runs `fn` once calls have stopped for `ms` (for typing: suggest when the caller pauses).
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/// Runs `fn` at most once per `ms`: the first call schedules a run, calls until it happens are
/// folded into it. Unlike debounce it keeps running under a steady stream of events (a busy
/// centre sends many per second), so live views never freeze.
export function throttle(fn, ms) {
  let timer = null;
  let last = 0;
  return () => {
    if (timer) return;
    const wait = Math.max(100, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      fn();
    }, wait);
  };
}
