import { hasMongolian } from '../../mongol/script';

/** Consecutive lines grouped by script: a Mongolian group is one vertical block, the rest stays horizontal. */
export function scriptBlocks(text: string): { mongolian: boolean; text: string }[] {
  const blocks: { mongolian: boolean; text: string }[] = [];
  for (const line of text.split('\n')) {
    const mongolian = hasMongolian(line);
    const last = blocks.at(-1);
    if (last && (last.mongolian === mongolian || !line.trim())) last.text += `\n${line}`;
    else blocks.push({ mongolian, text: line });
  }
  return blocks.map((b) => ({ ...b, text: b.text.trim() })).filter((b) => b.text);
}
