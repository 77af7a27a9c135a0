// Publication dates to ISO: YYYY-MM-DD when only the day is known, a date-time
// when the hour is. A relative expression ("3 years ago") is never a date.
import * as chrono from 'chrono-node';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RELATIVE = /\b(ago|yesterday|today|tomorrow|last|next|this|since)\b/i;

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(value: string | null | undefined): string | null {
  const s = value?.trim();
  if (!s || RELATIVE.test(s)) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    // A day the month has: 2024-02-30 is no date.
    if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDate() !== Number(d)) return null;
    if (h === undefined) return `${y}-${mo}-${d}`;
    const z = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`) : '';
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${z}`;
  }
  const parsed = chrono.strict.parse(s, new Date(), { forwardDate: false })[0];
  const c = parsed?.start;
  if (!c || !c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) return null;
  const day = `${c.get('year')}-${pad(c.get('month')!)}-${pad(c.get('day')!)}`;
  if (!c.isCertain('hour')) return day;
  if (c.isCertain('timezoneOffset')) return c.date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `${day}T${pad(c.get('hour')!)}:${pad(c.get('minute') ?? 0)}:${pad(c.get('second') ?? 0)}`;
}
