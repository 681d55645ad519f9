import { keyboardRows, type KeyCap } from '@gerel/mongol';

/** One key of the on-screen keyboard: its cap, and the cap on its Shift layer if it has one. */
export interface KeyPosition {
  base: KeyCap;
  shifted?: KeyCap;
}

/** keyboardRows lists each key's shifted cap right after its base cap: one position per key. */
function positions(row: readonly KeyCap[]): KeyPosition[] {
  const out: KeyPosition[] = [];
  for (const cap of row) {
    const last = out.at(-1);
    if (cap.shift && last && !last.shifted) last.shifted = cap;
    else out.push({ base: cap });
  }
  return out;
}

/**
 * The GB/T 28038 keys in four rows, like a keyboard: keyboardRows is [`], [q…p], [a…'], [z…m],
 * [space], [- _ & *]; ` goes in front of the q row, the control keys and the space bar at the bottom.
 */
export function keyboardLayout(): KeyPosition[][] {
  const [grave = [], top = [], home = [], bottom = [], space = [], controls = []] = keyboardRows.map(positions);
  return [[...grave, ...top], home, bottom, [...controls, ...space]];
}
