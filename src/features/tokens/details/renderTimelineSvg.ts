// A small picture of a token's history: its events over time, one lane per network (ASN where
// the event has one, else IP address: Auth0's logs carry no ASN). Inline SVG drawn here, with
// no script and no inline style (the webview's CSP forbids both): colours come from classes in
// media/details.css, geometry from presentation attributes. Every label is escaped text.

import type { TokenEvent } from '../../../findings/tokenEvents';
import { describeEvent, eventAsn, eventIp } from '../../../findings/logEvents';
import { html, type SafeHtml } from '../../../presentation/html';
import { truncateWithEllipsis } from '../../../presentation/plainText';
import { formatAbsoluteTime } from '../../../presentation/time';

const WIDTH = 600;
const LABEL_WIDTH = 150;
const PLOT_LEFT = LABEL_WIDTH + 10;
const PLOT_RIGHT = WIDTH - 12;
const LANE_HEIGHT = 22;
const TOP = 6;
const AXIS_HEIGHT = 22;
/** More lanes than this stop being readable: the rest share one "other networks" lane. */
const MAX_LANES = 6;
const HOUR_MS = 60 * 60 * 1000;

/** A Map, not an object: an event type of "__proto__" or "constructor" must find nothing. */
const MARK_CLASSES: ReadonlyMap<string, string> = new Map([
  ['sertft', 'mark exchange'],
  ['seacft', 'mark issued'],
  ['fertft', 'mark failure'],
  ['ferrt', 'mark reuse'],
  ['srrt', 'mark revoked'],
]);

interface Lane {
  key: string;
  label: string;
  events: { date: Date; tokenEvent: TokenEvent }[];
}

function networkOf(tokenEvent: TokenEvent): { key: string; label: string } {
  const asn = eventAsn(tokenEvent.event);
  if (asn !== undefined) {
    return { key: `asn:${asn}`, label: /^as/i.test(asn) ? asn : `AS${asn}` };
  }
  const ip = eventIp(tokenEvent.event);
  return ip !== undefined ? { key: `ip:${ip}`, label: ip } : { key: 'unknown', label: 'address not recorded' };
}

/** Lanes in order of first appearance, oldest first; past MAX_LANES, one shared lane. */
function lanesFor(dated: readonly { date: Date; tokenEvent: TokenEvent }[]): Lane[] {
  const lanes = new Map<string, Lane>();
  for (const item of [...dated].sort((a, b) => a.date.getTime() - b.date.getTime())) {
    const network = networkOf(item.tokenEvent);
    let lane = lanes.get(network.key);
    if (!lane) {
      lane = { key: network.key, label: network.label, events: [] };
      lanes.set(network.key, lane);
    }
    lane.events.push(item);
  }
  const all = [...lanes.values()];
  if (all.length <= MAX_LANES) {
    return all;
  }
  const rest = all.slice(MAX_LANES - 1);
  return [
    ...all.slice(0, MAX_LANES - 1),
    { key: 'other', label: `${rest.length} other networks`, events: rest.flatMap((lane) => lane.events) },
  ];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * The timeline of `history` (the token's events, any order) up to `now`, or `undefined` when no
 * event has a readable date. Exchanges are dots; issue, failures, reuse and revocation have their
 * own classes; each mark's `<title>` says when, what and from where.
 */
export function renderTimelineSvg(history: readonly TokenEvent[], now: Date): SafeHtml | undefined {
  const dated = history
    .filter((tokenEvent): tokenEvent is TokenEvent & { date: Date } => tokenEvent.date !== undefined)
    .map((tokenEvent) => ({ date: tokenEvent.date, tokenEvent }));
  if (dated.length === 0) {
    return undefined;
  }
  const lanes = lanesFor(dated);
  const times = dated.map((item) => item.date.getTime());
  const end = Math.max(now.getTime(), ...times);
  const start = Math.min(...times, end - HOUR_MS);
  const x = (time: number) => round(PLOT_LEFT + ((time - start) / (end - start)) * (PLOT_RIGHT - PLOT_LEFT));
  const height = TOP + lanes.length * LANE_HEIGHT + AXIS_HEIGHT;
  const axisY = TOP + lanes.length * LANE_HEIGHT;

  const laneMarkup = lanes.map((lane, index) => {
    const middle = TOP + index * LANE_HEIGHT + LANE_HEIGHT / 2;
    const marks = lane.events.map(({ date, tokenEvent }) => {
      const type = tokenEvent.event.type ?? '';
      const className = `${MARK_CLASSES.get(type) ?? 'mark other'}${tokenEvent.probable ? ' probable' : ''}${tokenEvent.earlier ? ' earlier' : ''}`;
      const radius = type === 'ferrt' || type === 'fertft' ? 5 : 3.5;
      const label = `${formatAbsoluteTime(date)} · ${describeEvent(tokenEvent.event)} · ${eventIp(tokenEvent.event) ?? 'address not recorded'}${tokenEvent.probable ? ' · probable' : ''}${tokenEvent.earlier ? ' · before this token' : ''}`;
      return html`<circle class="${className}" cx="${x(date.getTime())}" cy="${middle}" r="${radius}"><title>${label}</title></circle>`;
    });
    return html`<g class="lane" data-lane="${index}"><line class="lane-line" x1="${PLOT_LEFT}" y1="${middle}" x2="${PLOT_RIGHT}" y2="${middle}"></line><text class="lane-label" x="${LABEL_WIDTH}" y="${middle + 4}" text-anchor="end">${truncateWithEllipsis(lane.label, 22)}</text>${marks}</g>`;
  });

  return html`<svg class="timeline" data-field="history-timeline" viewBox="${`0 0 ${WIDTH} ${height}`}" width="${WIDTH}" height="${height}" role="img" aria-label="${`Token events over time, one lane per network: ${dated.length} events on ${lanes.length} ${lanes.length === 1 ? 'network' : 'networks'}`}">${laneMarkup}<line class="axis" x1="${PLOT_LEFT}" y1="${axisY}" x2="${PLOT_RIGHT}" y2="${axisY}"></line><text class="axis-label" x="${PLOT_LEFT}" y="${axisY + 15}" text-anchor="start">${formatAbsoluteTime(new Date(start))}</text><text class="axis-label" x="${PLOT_RIGHT}" y="${axisY + 15}" text-anchor="end">${formatAbsoluteTime(new Date(end))}</text></svg>`;
}
