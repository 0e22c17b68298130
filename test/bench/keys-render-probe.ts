// The in-page half of the keys render bench, installed before any page script. It times with the
// page's own clock (performance.now and event timestamps), so Playwright's round trips never count.
// - A keys.list reply is timed when its WebSocket message arrives, before the bridge parses it.
// - KeysPanel sets the `fkv:keys-shown` mark in a layout effect once a list is in the DOM; the probe
//   wraps performance.mark to see it synchronously, then waits for the next frame and for the task
//   after it, by which time that frame is painted.
// Plain JavaScript in a string: a serialized function would carry the TS loader's helpers along.
import { KEYS_SHOWN_MARK } from '../../renderer/features/keys/keys-marks.js';

export interface Keystroke {
  /** The keydown's timestamp. */
  down: number;
  /** When the page's own keydown listener ran: the floor any handler starts from. */
  handled: number;
  /** After the frame following the keydown: the typed character on screen. */
  echo: number;
  /** When the list for the new text was committed to the DOM. */
  committed: number;
  /** After the next frame. */
  painted: number;
}

export interface FirstRender {
  /** The Keys section button's click. */
  clicked: number;
  /** The keys.list reply's arrival. */
  arrived: number;
  /** The list's commit to the DOM. */
  committed: number;
  painted: number;
  total: number;
}

/** The probe for a list that sets `mark` (detail: { text, shown, total }) and loads through
 * `channel`; the Overview filter bench (overview-filter-bench.ts) uses it with its own mark. */
export function probeScript(mark: string, channel: string): string {
  const channelPattern = channel.replace(/\./g, '\\.');
  return `(() => {
  const listCalls = new Set();
  const state = { arrived: [], clicked: 0, keydown: 0, handled: 0, echo: NaN, first: null, firstDone: null, armed: null };
  const afterPaint = (done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  });
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const match = /^\\{"kind":"result","id":(\\d+),/.exec(String(event.data).slice(0, 48));
        if (match && listCalls.has(Number(match[1]))) state.arrived.push(performance.now());
      });
    }
    send(data) {
      const match = /^\\{"id":(\\d+),"channel":"${channelPattern}",/.exec(String(data).slice(0, 64));
      if (match) listCalls.add(Number(match[1]));
      super.send(data);
    }
  };
  document.addEventListener('click', (event) => { state.clicked = event.timeStamp; }, true);
  document.addEventListener('keydown', (event) => {
    const down = event.timeStamp;
    state.keydown = down;
    state.handled = performance.now();
    state.echo = NaN;
    afterPaint((painted) => { if (state.keydown === down) state.echo = painted; });
  }, true);
  const mark = performance.mark.bind(performance);
  performance.mark = (name, options) => {
    const entry = mark(name, options);
    const detail = options && options.detail;
    if (name !== ${JSON.stringify(mark)} || !detail || detail.total === null) return entry;
    const committed = performance.now();
    if (state.first === null && detail.shown > 0) {
      const first = {
        clicked: state.clicked, arrived: state.arrived.at(-1) ?? NaN, committed, total: detail.total,
      };
      state.first = first;
      afterPaint((painted) => state.firstDone({ ...first, painted }));
    }
    const armed = state.armed;
    if (armed !== null && detail.text === armed.text) {
      state.armed = null;
      const { keydown: down, handled } = state;
      afterPaint((painted) => armed.resolve({ down, handled, echo: state.echo, committed, painted }));
    }
    return entry;
  };
  const firstPromise = new Promise((resolve) => { state.firstDone = resolve; });
  window.__fkvBench = {
    firstRender: () => firstPromise,
    arm: (text) => {
      let resolve;
      const result = new Promise((r) => { resolve = r; });
      state.armed = { text, resolve };
      window.__fkvBench.result = () => result;
    },
    result: () => Promise.reject(new Error('nothing armed')),
  };
})();`;
}

export const PROBE_SCRIPT = probeScript(KEYS_SHOWN_MARK, 'keys.list');
