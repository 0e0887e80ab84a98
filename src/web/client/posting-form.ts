// The posting and chapter forms' script (bundled by src/web/client-assets.ts). Everything it
// adds is an enhancement: without it the fields are plain inputs and textareas that work as well.
//   <input data-tag-autocomplete="fandom">          tag suggestions (autocomplete.ts)
//   <textarea data-rich-text data-format-field="…">  the rich-text editor (editor.ts, loaded on demand)
import { attachTagAutocomplete } from './autocomplete.ts';

for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[data-tag-autocomplete]'))) {
  attachTagAutocomplete(input, input.dataset.tagAutocomplete ?? 'freeform');
}

const textareas = Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-text]'));
if (textareas.length > 0) {
  void import('./editor.ts').then(({ attachEditor }) => {
    for (const textarea of textareas) attachEditor(textarea);
  });
}
