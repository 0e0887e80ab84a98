const FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const FORMAT_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** Instants formatted before (a listing shows the same dates again and again); the oldest go first. */
const formatted = new Map<string, string>();
const KEPT = 10_000;

function format(iso: string, withTime: boolean): string {
  const key = withTime ? `t${iso}` : iso;
  let text = formatted.get(key);
  if (text === undefined) {
    text = (withTime ? FORMAT_TIME : FORMAT).format(new Date(iso));
    if (formatted.size >= KEPT) formatted.delete(formatted.keys().next().value!);
    formatted.set(key, text);
  }
  return text;
}

/** A machine-readable, human-formatted instant. */
export function Time({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  return <time dateTime={iso}>{format(iso, withTime)}</time>;
}
