// The editor's small inline form for a link's address, or an image's address and description.
// Enter applies (it never submits the posting form), Escape cancels; focus returns to the text.
import type { Editor } from '@tiptap/core';
import { NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { el, uniqueId } from './dom.ts';

interface FieldSpec {
  label: string;
  type: 'url' | 'text';
  value: string;
  hint?: string;
}

/** A link as typed: example.org → https://example.org; only web and mail links (the server's rule). */
function linkAddress(typed: string): string | null {
  const url = typed.trim();
  if (!url) return null;
  if (/^(https?:\/\/|mailto:)/i.test(url)) return url;
  if (/^[a-z][a-z\d+.-]*:/i.test(url)) return null;
  return `https://${url.replace(/^\/+/, '')}`;
}

/**
 * After inserting an image the image itself is selected, so whatever comes next (typing, a
 * table) would replace it: the caret goes to the paragraph after it, made when there is none.
 */
function caretAfterNode(tr: Transaction): boolean {
  const { selection } = tr;
  if (!(selection instanceof NodeSelection)) return true;
  if (!tr.doc.resolve(selection.to).nodeAfter?.isTextblock) {
    tr.insert(selection.to, tr.doc.type.schema.nodes.paragraph!.create());
  }
  tr.setSelection(TextSelection.create(tr.doc, selection.to + 1));
  return true;
}

export function createPanel(editor: Editor) {
  const element = el('div', { class: 'rte__panel', role: 'group', hidden: true });

  function close(refocus = true) {
    element.hidden = true;
    element.replaceChildren();
    if (refocus) editor.commands.focus();
  }

  function open(
    title: string,
    specs: FieldSpec[],
    apply: { label: string; run(values: string[]): string | null },
    extra?: { label: string; run(): void },
  ) {
    element.setAttribute('aria-label', title);
    const error = el('p', { class: 'field__error', id: uniqueId('rte-error'), hidden: true });
    const inputs = specs.map((spec) => {
      const id = uniqueId('rte-field');
      const hintId = spec.hint ? `${id}-hint` : undefined;
      const input = el('input', { id, type: spec.type, 'aria-describedby': hintId, autocomplete: 'off' });
      input.value = spec.value;
      const hint = spec.hint ? [el('span', { class: 'field__hint', id: hintId }, [spec.hint])] : [];
      return {
        input,
        hintId,
        field: el('div', { class: 'field' }, [el('label', { for: id }, [spec.label]), ...hint, input]),
      };
    });
    const submit = () => {
      const problem = apply.run(inputs.map(({ input }) => input.value));
      if (problem === null) return close();
      error.textContent = problem;
      error.hidden = false;
      const first = inputs[0]!;
      first.input.setAttribute('aria-invalid', 'true');
      first.input.setAttribute('aria-describedby', [error.id, first.hintId].filter(Boolean).join(' '));
      first.input.focus();
    };
    const button = (label: string, onClick: () => void, primary = false) => {
      const b = el('button', { type: 'button', class: primary ? 'button button--primary' : 'button' }, [
        label,
      ]);
      b.addEventListener('click', onClick);
      return b;
    };
    const actions = el('div', { class: 'rte__panel-actions' }, [
      button(apply.label, submit, true),
      ...(extra ? [button(extra.label, () => (extra.run(), close()))] : []),
      button('Cancel', () => close()),
    ]);
    element.replaceChildren(error, ...inputs.map((i) => i.field), actions);
    element.onkeydown = (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
        event.preventDefault(); // apply, rather than submit the posting form
        submit();
      }
    };
    element.hidden = false;
    inputs[0]!.input.focus();
    inputs[0]!.input.select();
  }

  function openLink() {
    const current = (editor.getAttributes('link').href as string | undefined) ?? '';
    open(
      current ? 'Edit link' : 'Add a link',
      [{ label: 'Link address', type: 'url', value: current }],
      {
        label: current ? 'Update link' : 'Add link',
        run([typed]) {
          const href = linkAddress(typed ?? '');
          if (!href) return 'Type a web address (https://…) or an e-mail link (mailto:…).';
          const chain = editor.chain().focus().extendMarkRange('link');
          if (editor.state.selection.empty && !editor.isActive('link')) {
            chain
              .insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] })
              .run();
          } else {
            chain.setLink({ href }).run();
          }
          return null;
        },
      },
      current
        ? {
            label: 'Remove link',
            run: () => editor.chain().focus().extendMarkRange('link').unsetLink().run(),
          }
        : undefined,
    );
  }

  function openImage() {
    open(
      'Add an image',
      [
        { label: 'Image address', type: 'url', value: '', hint: 'An image already on the web: https://…' },
        {
          label: 'Description',
          type: 'text',
          value: '',
          hint: 'What the image shows, for people who can’t see it.',
        },
      ],
      {
        label: 'Add image',
        run([src, alt]) {
          const url = (src ?? '').trim();
          if (!/^https?:\/\/\S+$/i.test(url)) return 'Type the image’s web address, starting with https://.';
          editor
            .chain()
            .focus()
            .setImage({ src: url, alt: (alt ?? '').trim() })
            .command(({ tr }) => caretAfterNode(tr))
            .run();
          return null;
        },
      },
    );
  }

  return { element, openLink, openImage, close: () => element.hidden || close(false) };
}
