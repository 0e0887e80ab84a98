// Tag autocomplete for the posting form's comma-separated tag fields: a WAI-ARIA 1.2 combobox
// (an input with a listbox popup) that completes the tag being typed after the last comma, with
// suggestions from GET /tags/autocomplete. Without this script the field is a plain text input.
import { el } from './dom.ts';

interface Suggestion {
  name: string;
  uses: number;
}

const DEBOUNCE_MS = 150;

/** Splits "Smallville, Super" into what stays ("Smallville,") and the tag being typed ("Super"). */
function splitTags(value: string): { head: string; term: string } {
  const comma = value.lastIndexOf(',');
  return { head: value.slice(0, comma + 1), term: value.slice(comma + 1).trim() };
}

/** The name with the typed part marked, for sighted users scanning the list. */
function highlighted(name: string, term: string): (Node | string)[] {
  const at = name.toLowerCase().indexOf(term.toLowerCase());
  if (at < 0 || !term) return [name];
  return [
    name.slice(0, at),
    el('mark', {}, [name.slice(at, at + term.length)]),
    name.slice(at + term.length),
  ];
}

export function attachTagAutocomplete(
  input: HTMLInputElement,
  type: string,
  endpoint = '/tags/autocomplete',
) {
  const label = input.labels?.[0]?.firstChild?.textContent?.trim() ?? 'Tags';
  const listbox = el('ul', {
    id: `${input.id}-listbox`,
    role: 'listbox',
    class: 'combobox__listbox',
    'aria-label': `Suggested ${label.toLowerCase()}`,
    hidden: true,
  });
  const status = el('div', { class: 'visually-hidden', role: 'status', 'aria-atomic': 'true' });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', listbox.id);
  input.setAttribute('autocomplete', 'off');
  input.after(listbox, status);
  input.parentElement?.classList.add('combobox');

  let options: Suggestion[] = [];
  let active = -1;
  let announced = '';
  let timer = 0;
  let controller: AbortController | undefined;
  const cache = new Map<string, Suggestion[]>();

  const isOpen = () => !listbox.hidden;
  const announce = (message: string) => {
    if (message !== announced) status.textContent = announced = message;
  };

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    setActive(-1);
  }

  function open() {
    if (options.length === 0) return close();
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function setActive(index: number) {
    active = index;
    Array.from(listbox.children).forEach((option, i) =>
      option.setAttribute('aria-selected', String(i === index)),
    );
    const option = listbox.children[index];
    if (!option) return input.removeAttribute('aria-activedescendant');
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }

  function pick(index: number) {
    const choice = options[index];
    if (!choice) return;
    const { head } = splitTags(input.value);
    input.value = `${head}${head ? ' ' : ''}${choice.name}`;
    close();
    announce(`${choice.name} chosen.`);
  }

  function render(term: string) {
    listbox.replaceChildren(
      ...options.map((suggestion, i) => {
        const works = `${suggestion.uses} ${suggestion.uses === 1 ? 'work' : 'works'}`;
        const option = el('li', { id: `${input.id}-option-${i}`, role: 'option', 'aria-selected': 'false' }, [
          el('span', { class: 'combobox__name' }, highlighted(suggestion.name, term)),
          el('span', { class: 'combobox__uses' }, [works]),
        ]);
        // Keep focus (and the caret) in the input while the pointer picks.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => pick(i));
        return option;
      }),
    );
    setActive(-1);
  }

  async function lookup() {
    const { term } = splitTags(input.value);
    const key = term.toLowerCase().slice(0, 100);
    if (!key) return close();
    let found = cache.get(key);
    if (!found) {
      controller?.abort();
      controller = new AbortController();
      try {
        const url = `${endpoint}?type=${encodeURIComponent(type)}&q=${encodeURIComponent(key)}`;
        const response = await fetch(url, {
          signal: controller.signal,
          headers: { accept: 'application/json' },
        });
        if (!response.ok) return close();
        found = ((await response.json()) as { tags: Suggestion[] }).tags;
        cache.set(key, found);
      } catch {
        return; // superseded by a newer look-up, or offline: the field works as typed
      }
    }
    if (splitTags(input.value).term.toLowerCase() !== key || document.activeElement !== input) return;
    const taken = new Set(
      input.value
        .split(',')
        .slice(0, -1)
        .map((tag) => tag.trim().toLowerCase()),
    );
    options = found.filter((suggestion) => !taken.has(suggestion.name.toLowerCase()));
    render(term);
    open();
    const n = options.length;
    announce(
      n ? `${n} ${n === 1 ? 'suggestion' : 'suggestions'}. Up and down arrows to choose.` : 'No suggestions.',
    );
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookup, DEBOUNCE_MS);
  });
  input.addEventListener('blur', () => close());
  input.addEventListener('keydown', (event) => {
    const last = options.length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        if (!isOpen()) {
          open();
          if (options.length === 0) void lookup();
          if (event.altKey) return;
          return setActive(event.key === 'ArrowDown' ? 0 : last);
        }
        const step = event.key === 'ArrowDown' ? 1 : -1;
        return setActive(active < 0 && step < 0 ? last : (active + step + options.length) % options.length);
      }
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault(); // pick the tag; don't submit the form
          pick(active);
        }
        return;
      case 'Tab':
        if (isOpen() && active >= 0) pick(active);
        else close();
        return;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        }
    }
  });
}
