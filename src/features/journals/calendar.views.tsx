import { JournalLayout, type JournalChrome } from './journals.views.tsx';
import { EntryView, journalUrl } from './entry.views.tsx';
import type { ShownEntry } from './journals.read.ts';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Years and months with their entry counts; a year's months show their days as a calendar grid. */
export function CalendarPage({
  chrome,
  days,
  year,
}: {
  chrome: JournalChrome;
  days: Map<string, number>;
  year?: number;
}) {
  const { journal } = chrome;
  const base = `${journalUrl(journal)}/calendar`;
  const years = new Map<number, number>();
  for (const [day, n] of days)
    years.set(Number(day.slice(0, 4)), (years.get(Number(day.slice(0, 4))) ?? 0) + n);
  const shownYear = year ?? [...years.keys()].at(-1);
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: ${shownYear ?? 'calendar'}`}>
      <h1 class="journal-heading">Calendar{shownYear ? `: ${shownYear}` : ''}</h1>
      {years.size === 0 ? (
        <p>No entries yet.</p>
      ) : (
        <>
          <nav class="calendar-years" aria-label="Years">
            {[...years].map(([y, n]) => (
              <a key={y} href={`${base}/${y}`} aria-current={y === shownYear ? 'page' : undefined}>
                {y} <span class="muted">({n})</span>
              </a>
            ))}
          </nav>
          <div class="calendar">
            {MONTHS.map((monthName, m) => {
              const prefix = `${shownYear}-${String(m + 1).padStart(2, '0')}`;
              const inMonth = [...days].filter(([d]) => d.startsWith(prefix));
              if (inMonth.length === 0) return null;
              const first = new Date(Date.UTC(shownYear!, m, 1)).getUTCDay();
              const length = new Date(Date.UTC(shownYear!, m + 1, 0)).getUTCDate();
              const cells = [...Array(first).fill(null), ...Array.from({ length }, (_, i) => i + 1)];
              return (
                <section class="calendar__month" key={prefix} aria-labelledby={`m-${prefix}`}>
                  <h2 id={`m-${prefix}`}>
                    <a href={`${base}/${shownYear}/${String(m + 1).padStart(2, '0')}`}>{monthName}</a>
                  </h2>
                  <table>
                    <thead>
                      <tr>
                        {['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((d) => (
                          <th key={d} scope="col" abbr={d}>
                            {d.slice(0, 2)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {Array.from({ length: Math.ceil(cells.length / 7) }, (_, w) => (
                        <tr key={w}>
                          {cells.slice(w * 7, w * 7 + 7).map((day, i) => {
                            if (day === null) return <td key={`e${i}`} />;
                            const key = `${prefix}-${String(day).padStart(2, '0')}`;
                            const n = days.get(key);
                            return (
                              <td key={key}>
                                {n ? (
                                  <a
                                    href={`${base}/${key.replaceAll('-', '/')}`}
                                    aria-label={`${day} ${monthName}: ${n} ${n === 1 ? 'entry' : 'entries'}`}
                                  >
                                    {day}
                                  </a>
                                ) : (
                                  <span class="muted">{day}</span>
                                )}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              );
            })}
          </div>
        </>
      )}
    </JournalLayout>
  );
}

/** The entries of a day or a month, oldest first (the calendar's links). */
export function DatedPage({
  chrome,
  label,
  entries,
}: {
  chrome: JournalChrome;
  label: string;
  entries: ShownEntry[];
}) {
  const { journal } = chrome;
  return (
    <JournalLayout chrome={chrome} title={`${journal.title}: ${label}`}>
      <h1 class="journal-heading">{label}</h1>
      {entries.length === 0 ? (
        <p>No entries on this date.</p>
      ) : (
        entries.map((entry) => (
          <EntryView
            key={entry.id}
            journal={journal}
            entry={entry}
            full={false}
            showAdult={chrome.showAdult}
          />
        ))
      )}
    </JournalLayout>
  );
}
