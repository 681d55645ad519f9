/**
 * Where the on-screen Mongolian keyboard types: the rich-text editor or the text field that had
 * the focus last. Editors register themselves (they insert through their own commands, so undo
 * works); plain inputs and textareas are picked up on focus and typed into with the browser's
 * editing command, which keeps their native undo and fires the input event React listens to.
 */

export interface InputTarget {
  element: HTMLElement;
  insert: (text: string) => void;
  backspace: () => void;
}

const editors = new WeakMap<HTMLElement, Omit<InputTarget, 'element'>>();
let active: InputTarget | null = null;
let listening = false;

export function registerEditor(element: HTMLElement, actions: Omit<InputTarget, 'element'>): () => void {
  editors.set(element, actions);
  return () => {
    editors.delete(element);
    if (active?.element === element) active = null;
  };
}

/**
 * Fields the keyboard types into: text inputs and textareas, but not those marked
 * `data-ime="off"` (addresses, codes) nor date pickers and drop-downs, where `-` or `'` must stay as typed.
 */
function isTextField(el: Element): el is HTMLInputElement | HTMLTextAreaElement {
  if (el.closest('[data-ime="off"], .ant-picker, .ant-select')) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  return el instanceof HTMLInputElement && ['text', 'search', ''].includes(el.type) && !el.readOnly && !el.disabled;
}

function fieldTarget(el: HTMLInputElement | HTMLTextAreaElement): InputTarget {
  const edit = (command: 'insertText' | 'delete', text?: string) => {
    if (document.activeElement !== el) el.focus();
    // execCommand is the only way to edit a field that keeps its undo stack; it also fires `input`.
    if (!document.execCommand(command, false, text)) {
      const start = el.selectionStart ?? el.value.length;
      const end = el.selectionEnd ?? start;
      if (command === 'insertText') el.setRangeText(text ?? '', start, end, 'end');
      else if (start !== end) el.setRangeText('', start, end, 'end');
      else if (start > 0) el.setRangeText('', start - 1, start, 'end');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  };
  return { element: el, insert: (text) => edit('insertText', text), backspace: () => edit('delete') };
}

/** The target for an element that got the focus, if it is one the keyboard can type into. */
export function targetFor(el: EventTarget | null): InputTarget | null {
  if (!(el instanceof HTMLElement)) return null;
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    const actions = editors.get(node);
    if (actions) return { element: node, ...actions };
  }
  return isTextField(el) ? fieldTarget(el) : null;
}

/** Starts following the focus (once per page). */
export function trackFocus(): void {
  if (listening) return;
  listening = true;
  active = targetFor(document.activeElement); // focused before the keyboard was shown
  document.addEventListener('focusin', (event) => {
    const target = targetFor(event.target);
    if (target) active = target;
  });
}

/** The field or editor the keyboard types into now, if it is still on the page. */
export function activeTarget(): InputTarget | null {
  if (active && !active.element.isConnected) active = null;
  return active;
}
