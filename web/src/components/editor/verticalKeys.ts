import { Extension } from '@tiptap/react';
import { GapCursor } from '@tiptap/pm/gapcursor';
import type { ResolvedPos } from '@tiptap/pm/model';
import { NodeSelection, Plugin, PluginKey, Selection, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/**
 * Arrow keys in vertical Mongolian (`writing-mode: vertical-lr`).
 *
 * Chromium moves the native caret physically in vertical text (ArrowDown = next letter, ArrowRight
 * = next column), which is right, but ProseMirror's own arrow logic (stepping over atom nodes,
 * moving node selections, the gap cursor) assumes horizontal text: there ArrowRight means "next
 * letter" and ArrowDown "next line". In vertical mode this plugin takes the arrows first:
 *
 * - ArrowDown / ArrowUp step forward / back along the text (ProseMirror's "horizontal" motion):
 *   onto an adjacent atom (a node selection), out of a node selection, into and out of a gap cursor;
 * - ArrowRight / ArrowLeft go to the next / previous column (ProseMirror's "vertical" motion):
 *   from the last column of a block onto the block after it when that is an atom or a gap.
 *
 * Everything else (plain caret motion inside text, Shift+arrows over text) is left to the browser,
 * and ProseMirror's horizontal handlers are kept out of it.
 */

type Step = { axis: 'char' | 'line'; dir: 1 | -1 };

const STEPS: Record<string, Step> = {
  ArrowDown: { axis: 'char', dir: 1 },
  ArrowUp: { axis: 'char', dir: -1 },
  ArrowRight: { axis: 'line', dir: 1 },
  ArrowLeft: { axis: 'line', dir: -1 },
};

/** The step an arrow key means in vertical-lr text, or null for other keys. */
export function verticalStep(key: string): Step | null {
  return STEPS[key] ?? null;
}

export function isVertical(view: EditorView): boolean {
  return getComputedStyle(view.dom).writingMode.startsWith('vertical');
}

/** What to do after ProseMirror's side was handled: a new selection, or let the browser move. */
type Outcome = { selection: Selection } | 'native' | 'stay';

const findFrom = ($pos: ResolvedPos, dir: 1 | -1): Selection | null => Selection.findFrom($pos, dir);

function gapFrom($pos: ResolvedPos, dir: 1 | -1, mustMove: boolean): Selection | null {
  // GapCursor.findFrom is public at run time (findGapCursorFrom), not in the typings.
  const find = (GapCursor as unknown as { findFrom?: (p: ResolvedPos, d: number, m: boolean) => ResolvedPos | null })
    .findFrom;
  const $found = find?.($pos, dir, mustMove);
  return $found ? new GapCursor($found) : null;
}

/** The selection just beyond the textblock the caret is in, when it is an atom or a gap; else null. */
function beyondBlock(view: EditorView, $head: ResolvedPos, dir: 1 | -1): Selection | null {
  if ($head.depth === 0) return null;
  const doc = view.state.doc;
  const $edge = doc.resolve(dir > 0 ? $head.after() : $head.before());
  const node = dir > 0 ? $edge.nodeAfter : $edge.nodeBefore;
  if (node && node.isAtom && NodeSelection.isSelectable(node)) {
    return NodeSelection.create(doc, dir > 0 ? $edge.pos : $edge.pos - node.nodeSize);
  }
  return gapFrom($edge, dir, false);
}

/** True when nothing of the caret's textblock lies in a column beyond the caret's (in `dir`). */
function inLastColumn(view: EditorView, pos: number, dir: 1 | -1): boolean {
  const caret = view.coordsAtPos(pos);
  const $pos = view.state.doc.resolve(pos);
  const blockDom = view.nodeDOM($pos.before());
  if (!(blockDom instanceof HTMLElement)) return true;
  const range = document.createRange();
  range.selectNodeContents(blockDom);
  for (const rect of range.getClientRects()) {
    if (rect.width === 0 && rect.height === 0) continue;
    if (dir > 0 ? rect.left > caret.right + 1 : rect.right < caret.left - 1) return false;
  }
  return true;
}

export function verticalArrow(view: EditorView, step: Step, shift: boolean): Outcome {
  const { state } = view;
  const sel = state.selection;
  const { dir } = step;

  if (sel instanceof NodeSelection) {
    if (shift) return 'stay';
    if (sel.node.isInline && step.axis === 'char') {
      return { selection: TextSelection.create(state.doc, dir > 0 ? sel.to : sel.from) };
    }
    // As in ProseMirror's horizontal order: a gap right beside the node first, then the next selectable place.
    const $start = dir > 0 ? sel.$to : sel.$from;
    const next = gapFrom($start, dir, false) ?? findFrom($start, dir);
    return next ? { selection: next } : 'stay';
  }

  if (sel instanceof GapCursor) {
    if (shift) return 'stay';
    const next = findFrom(sel.$head, dir);
    return next ? { selection: next } : 'stay';
  }

  if (!(sel instanceof TextSelection) || shift || !sel.empty) return 'native';
  const $head = sel.$head;
  if (!$head.parent.inlineContent) return 'native';

  if (step.axis === 'char') {
    const node = $head.textOffset ? null : dir > 0 ? $head.nodeAfter : $head.nodeBefore;
    if (node && !node.isText && node.isAtom) {
      const at = dir > 0 ? $head.pos : $head.pos - node.nodeSize;
      return NodeSelection.isSelectable(node)
        ? { selection: NodeSelection.create(state.doc, at) }
        : { selection: TextSelection.create(state.doc, dir > 0 ? at + node.nodeSize : at) };
    }
    const atEdge = dir > 0 ? $head.parentOffset === $head.parent.content.size : $head.parentOffset === 0;
    if (atEdge) {
      const beyond = beyondBlock(view, $head, dir);
      if (beyond) return { selection: beyond };
    }
    return 'native';
  }

  if (inLastColumn(view, $head.pos, dir)) {
    const beyond = beyondBlock(view, $head, dir);
    if (beyond) return { selection: beyond };
  }
  return 'native';
}

export const verticalKeysKey = new PluginKey('verticalKeys');

export function verticalKeysPlugin(): Plugin {
  return new Plugin({
    key: verticalKeysKey,
    props: {
      handleDOMEvents: {
        // A DOM handler runs before ProseMirror's own keydown logic (and every handleKeyDown,
        // the gap cursor's included); returning true keeps all of that out of it.
        keydown(view, event) {
          const step = verticalStep(event.key);
          if (!step || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
          if (!isVertical(view)) return false;
          // The browser moved the caret for the previous arrow; ProseMirror only learns of it on the
          // (asynchronous) selectionchange. Read the DOM selection now, or a quick second press would
          // be decided on a stale selection.
          (view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
          const outcome = verticalArrow(view, step, event.shiftKey);
          if (outcome === 'native') return true; // the browser moves the caret, physically
          event.preventDefault();
          if (outcome !== 'stay') view.dispatch(view.state.tr.setSelection(outcome.selection).scrollIntoView());
          return true;
        },
      },
    },
  });
}

/** The plugin as a Tiptap extension; it does nothing while the editor is horizontal. */
export const VerticalKeys = Extension.create({
  name: 'verticalKeys',
  priority: 1000,
  addProseMirrorPlugins() {
    return [verticalKeysPlugin()];
  },
});
