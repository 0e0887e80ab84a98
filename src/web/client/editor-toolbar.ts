// The rich-text editor's toolbar: a WAI-ARIA toolbar (one tab stop, arrow keys between buttons)
// of real buttons, with aria-pressed for formats that are on and aria-keyshortcuts for shortcuts.
import type { ChainedCommands, Editor } from '@tiptap/core';
import { el, icon, isApple } from './dom.ts';

export interface ToolbarActions {
  openLink(): void;
  openImage(): void;
}

interface Tool {
  /** The accessible name: it contains the visible text, so speech users can say what they see. */
  name: string;
  /** Visible text (B, I…) or SVG path data. */
  text?: string;
  path?: string;
  /** TipTap's key notation: Mod-b, Mod-Shift-s. */
  keys?: string;
  pressed?: (editor: Editor) => boolean;
  run: (chain: ChainedCommands, actions: ToolbarActions) => ChainedCommands | void;
  /** Whether it can run now; disabled (but still focusable) otherwise. */
  can?: (editor: Editor) => boolean;
  /** Shown only while the cursor is in a table. */
  inTable?: boolean;
}

const on = (name: string, attrs?: Record<string, unknown>) => (editor: Editor) =>
  editor.isActive(name, attrs);

const GROUPS: { label: string; tools: Tool[] }[] = [
  {
    label: 'Text',
    tools: [
      { name: 'Bold', text: 'B', keys: 'Mod-b', pressed: on('bold'), run: (c) => c.toggleBold() },
      { name: 'Italic', text: 'I', keys: 'Mod-i', pressed: on('italic'), run: (c) => c.toggleItalic() },
      {
        name: 'Underline',
        text: 'U',
        keys: 'Mod-u',
        pressed: on('underline'),
        run: (c) => c.toggleUnderline(),
      },
      {
        name: 'Strikethrough',
        text: 'S',
        keys: 'Mod-Shift-s',
        pressed: on('strike'),
        run: (c) => c.toggleStrike(),
      },
      {
        name: 'Code',
        path: 'M16 18l6-6-6-6M8 6l-6 6 6 6',
        keys: 'Mod-e',
        pressed: on('code'),
        run: (c) => c.toggleCode(),
      },
    ],
  },
  {
    label: 'Blocks',
    tools: [
      {
        name: 'Heading H2',
        text: 'H2',
        keys: 'Mod-Alt-2',
        pressed: on('heading', { level: 2 }),
        run: (c) => c.toggleHeading({ level: 2 }),
      },
      {
        name: 'Subheading H3',
        text: 'H3',
        keys: 'Mod-Alt-3',
        pressed: on('heading', { level: 3 }),
        run: (c) => c.toggleHeading({ level: 3 }),
      },
      {
        name: 'Bulleted list',
        path: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
        keys: 'Mod-Shift-8',
        pressed: on('bulletList'),
        run: (c) => c.toggleBulletList(),
      },
      {
        name: 'Numbered list',
        path: 'M10 6h11M10 12h11M10 18h11M4 6h1v4M4 10h2M6 18H4c0-1 2-2 2-3s-1-1.5-2-1',
        keys: 'Mod-Shift-7',
        pressed: on('orderedList'),
        run: (c) => c.toggleOrderedList(),
      },
      {
        name: 'Quotation',
        path: 'M17 6H3M21 12H8M21 18H8M3 12v6',
        keys: 'Mod-Shift-b',
        pressed: on('blockquote'),
        run: (c) => c.toggleBlockquote(),
      },
      { name: 'Divider', path: 'M3 12h18M8 8l4-4 4 4M16 16l-4 4-4-4', run: (c) => c.setHorizontalRule() },
    ],
  },
  {
    label: 'Insert',
    tools: [
      {
        name: 'Link',
        path: 'M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71',
        keys: 'Mod-k',
        pressed: on('link'),
        run: (_c, a) => a.openLink(),
      },
      {
        name: 'Image',
        path: 'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM9 7a2 2 0 1 1 0 4a2 2 0 1 1 0-4zM21 15l-5-5L5 21',
        run: (_c, a) => a.openImage(),
      },
      {
        name: 'Table',
        path: 'M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zM3 9h18M3 15h18M12 3v18',
        run: (c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
        can: (e) => !e.isActive('table'),
      },
      { name: 'Add row', text: '+ Row', inTable: true, run: (c) => c.addRowAfter() },
      { name: 'Add column', text: '+ Column', inTable: true, run: (c) => c.addColumnAfter() },
      { name: 'Delete row', text: '− Row', inTable: true, run: (c) => c.deleteRow() },
      { name: 'Delete column', text: '− Column', inTable: true, run: (c) => c.deleteColumn() },
      { name: 'Delete table', text: '× Table', inTable: true, run: (c) => c.deleteTable() },
    ],
  },
  {
    label: 'History',
    tools: [
      {
        name: 'Clear formatting',
        path: 'M4 7V4h16v3M5 20h6M13 4L8 20M15 15l5 5M20 15l-5 5',
        run: (c) => c.unsetAllMarks().clearNodes(),
      },
      {
        name: 'Undo',
        path: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
        keys: 'Mod-z',
        run: (c) => c.undo(),
        can: (e) => e.can().undo(),
      },
      {
        name: 'Redo',
        path: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
        keys: 'Mod-Shift-z',
        run: (c) => c.redo(),
        can: (e) => e.can().redo(),
      },
    ],
  },
];

/** TipTap's "Mod-Shift-s" as people read it (Ctrl+Shift+S, ⌘⇧S) and as aria-keyshortcuts wants it. */
function describeKeys(keys: string): { shown: string; aria: string } {
  const parts = keys.split('-').map((k) => (k.length === 1 ? k.toUpperCase() : k));
  const apple: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
  const shown = isApple
    ? parts.map((k) => apple[k] ?? k).join('')
    : parts.map((k) => (k === 'Mod' ? 'Ctrl' : k)).join('+');
  const aria = parts.map((k) => (k === 'Mod' ? (isApple ? 'Meta' : 'Control') : k)).join('+');
  return { shown, aria };
}

export function createToolbar(editor: Editor, editorId: string, actions: ToolbarActions) {
  const buttons: { tool: Tool; button: HTMLButtonElement }[] = [];
  const element = el('div', {
    role: 'toolbar',
    class: 'rte__toolbar',
    'aria-label': 'Formatting',
    'aria-controls': editorId,
  });
  for (const group of GROUPS) {
    const box = el('div', { role: 'group', class: 'rte__group', 'aria-label': group.label });
    for (const tool of group.tools) {
      const keys = tool.keys ? describeKeys(tool.keys) : undefined;
      const button = el(
        'button',
        {
          type: 'button',
          class: `rte__button rte__button--${tool.name.toLowerCase().replace(/\s+/g, '-')}${
            (tool.text?.length ?? 0) > 2 ? ' rte__button--wide' : ''
          }`,
          'aria-label': tool.name,
          title: keys ? `${tool.name} (${keys.shown})` : tool.name,
          'aria-keyshortcuts': keys?.aria,
          tabindex: '-1',
        },
        [tool.path ? icon(tool.path) : el('span', { 'aria-hidden': 'true' }, [tool.text ?? ''])],
      );
      button.addEventListener('mousedown', (event) => event.preventDefault()); // keep the editor's selection
      button.addEventListener('click', () => {
        if (button.getAttribute('aria-disabled') === 'true') return;
        setCurrent(button);
        const chain = editor.chain().focus();
        const ran = tool.run(chain, actions);
        if (ran) ran.run();
      });
      buttons.push({ tool, button });
      box.append(button);
    }
    element.append(box);
  }

  const visible = () => buttons.map((b) => b.button).filter((b) => !b.hidden);
  function setCurrent(button: HTMLButtonElement) {
    for (const { button: other } of buttons) other.tabIndex = other === button ? 0 : -1;
  }
  setCurrent(buttons[0]!.button);

  element.addEventListener('keydown', (event) => {
    const list = visible();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: list.length - 1 }[event.key];
    if (event.key === 'Escape') return void editor.commands.focus();
    if (next === undefined || at < 0) return;
    event.preventDefault();
    const target = list[(next + list.length) % list.length]!;
    setCurrent(target);
    target.focus();
  });

  /** Pressed, disabled and table-only states, after every change of selection or content. */
  function update() {
    const inTable = editor.isActive('table');
    for (const { tool, button } of buttons) {
      if (tool.pressed) button.setAttribute('aria-pressed', String(tool.pressed(editor)));
      const enabled = tool.can ? tool.can(editor) : true;
      button.setAttribute('aria-disabled', String(!enabled));
      if (tool.inTable) button.hidden = !inTable;
    }
    const current = buttons.find((b) => b.button.tabIndex === 0)?.button;
    if (!current || current.hidden) setCurrent(visible()[0]!);
  }
  editor.on('transaction', update);
  update();

  return {
    element,
    /** Alt+F10 from the text: to the toolbar's current button. */
    focus: () => buttons.find((b) => b.button.tabIndex === 0)?.button.focus(),
  };
}
