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

/** A machine-readable, human-formatted instant. */
export function Time({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const date = new Date(iso);
  return <time dateTime={iso}>{(withTime ? FORMAT_TIME : FORMAT).format(date)}</time>;
}
