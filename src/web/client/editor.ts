// The chapter text's rich-text editor (TipTap). The textarea stays the field the form submits:
// the editor writes its HTML there on every change. With the format radio on HTML the writer
// switches between "Rich text" and "HTML" (the textarea), as on AO3; on plain text only the
// textarea shows. HTML the editor would drop (abbr, sub, classes…) opens as HTML, saying why.
import { Editor, Extension } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { el, uniqueId } from './dom.ts';
import { hasTags, htmlToPlainText, plainTextToHtml, unsupportedMarkup } from './editor-markup.ts';
import { createPanel } from './editor-panel.ts';
import { createToolbar } from './editor-toolbar.ts';

type Mode = 'rich' | 'html' | 'text';

/** Tables as plain HTML: the editor's column sizes (style, colgroup) are of no use stored. */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const attrs: Record<string, unknown> = { ...HTMLAttributes };
    delete attrs.style;
    return ['table', attrs, ['tbody', 0]];
  },
});

export function attachEditor(textarea: HTMLTextAreaElement) {
  const field = textarea.parentElement!;
  const label = textarea.labels?.[0];
  const radios = Array.from(
    textarea.form?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [],
  ).filter((radio) => radio.name === textarea.dataset.formatField);
  const editorId = uniqueId('rte');
  if (label) label.id ||= `${textarea.id}-label`;

  const richButton = el('button', { type: 'button', class: 'rte__mode' }, ['Rich text']);
  const htmlButton = el('button', { type: 'button', class: 'rte__mode' }, ['HTML']);
  const modes = el('div', { class: 'rte__modes', role: 'group', 'aria-label': 'Edit as' }, [
    richButton,
    htmlButton,
  ]);
  const message = el('p', { class: 'rte__message', role: 'status' });
  const anyway = el('button', { type: 'button', class: 'link-button', hidden: true }, [
    'Use rich text anyway',
  ]);
  // The message is a live region, so it stays in the page (empty) rather than hidden.
  const notice = el('div', { class: 'rte__notice' }, [message, anyway]);
  const help = el('p', { id: `${editorId}-help`, class: 'visually-hidden' }, [
    'Rich text editor. Alt+F10 moves to the formatting toolbar; Escape there comes back to the text.',
  ]);
  const surface = el('div', { class: 'rte__surface' });
  const describedBy = [textarea.getAttribute('aria-describedby'), help.id].filter(Boolean).join(' ');

  let mode: Mode = 'text';
  const editor = new Editor({
    element: surface,
    injectCSS: false, // CSP: no inline <style>; the rules are in editor.css
    extensions: [
      StarterKit.configure({
        link: { openOnClick: false, defaultProtocol: 'https', HTMLAttributes: { target: null, rel: null } },
      }),
      Image.configure({ allowBase64: false }),
      PlainTable,
      TableRow,
      TableHeader,
      TableCell,
      Extension.create({
        name: 'quireShortcuts',
        addKeyboardShortcuts: () => ({
          'Mod-k': () => (panel.openLink(), true),
          'Alt-F10': () => (toolbar.focus(), true),
        }),
      }),
    ],
    editorProps: {
      // Labelled only while it shows, so the label always names one control: the visible one.
      attributes: () => ({
        id: editorId,
        class: 'rte__content prose',
        'aria-multiline': 'true',
        ...(mode !== 'rich' ? {} : label ? { 'aria-labelledby': label.id } : { 'aria-label': 'Text' }),
        'aria-describedby': describedBy,
        ...(textarea.getAttribute('aria-invalid') ? { 'aria-invalid': 'true' } : {}),
      }),
    },
  });
  const panel = createPanel(editor);
  const toolbar = createToolbar(editor, editorId, panel);
  editor.on('update', () => {
    textarea.value = editor.isEmpty ? '' : editor.getHTML();
  });

  const wrapper = el('div', { class: 'rte' }, [modes, notice, toolbar.element, panel.element, surface, help]);
  textarea.before(wrapper);
  field.classList.add('field--rte');

  function say(text: string, offerRichText = false) {
    message.textContent = text;
    anyway.hidden = !offerRichText;
  }

  function show(next: Mode) {
    mode = next;
    const rich = next === 'rich';
    wrapper.dataset.mode = next;
    modes.hidden = next === 'text';
    richButton.setAttribute('aria-pressed', String(rich));
    htmlButton.setAttribute('aria-pressed', String(next === 'html'));
    toolbar.element.hidden = !rich;
    surface.hidden = !rich;
    if (!rich) panel.close();
    textarea.hidden = rich;
    // The label names whichever control is showing (and a click on it goes there).
    if (rich) label?.removeAttribute('for');
    else if (label) label.htmlFor = textarea.id;
    editor.view.setProps({}); // recomputes the attributes above
  }

  /** Into the editor, unless it would drop markup; `force` when the writer accepts that. */
  let loaded = false;
  function toRichText(force = false) {
    const dropped = unsupportedMarkup(textarea.value);
    if (dropped.length > 0 && !force) {
      show('html');
      say(
        `This HTML has markup the rich text editor can’t keep (${dropped.join(', ')}), so it is shown as HTML. Switching to rich text would remove it.`,
        true,
      );
      return;
    }
    // Undo never empties the text it opened with; it does take back a round trip through HTML.
    editor.chain().setMeta('addToHistory', loaded).setContent(textarea.value, { emitUpdate: false }).run();
    loaded = true;
    if (force) textarea.value = editor.isEmpty ? '' : editor.getHTML();
    show('rich');
    say('');
  }

  function onFormat(format: string) {
    const value = textarea.value;
    if (format === 'text') {
      const text = hasTags(value) ? htmlToPlainText(value) : value;
      if (text !== null) textarea.value = text;
      show('text');
      say(
        text === null
          ? 'This text has HTML formatting: as plain text its tags will show as typed. Choose HTML to keep the formatting.'
          : '',
      );
    } else {
      if (value.trim() && !hasTags(value)) textarea.value = plainTextToHtml(value);
      toRichText();
    }
  }

  richButton.addEventListener('click', () => mode !== 'rich' && toRichText());
  htmlButton.addEventListener('click', () => {
    show('html');
    say('');
  });
  anyway.addEventListener('click', () => {
    toRichText(true);
    editor.commands.focus('start');
  });
  for (const radio of radios) radio.addEventListener('change', () => radio.checked && onFormat(radio.value));
  label?.addEventListener('click', () => mode === 'rich' && editor.commands.focus());

  const format = radios.find((radio) => radio.checked)?.value ?? 'html';
  if (format === 'text') show('text');
  else toRichText();
  return editor;
}
