const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Imported plain text as editor paragraphs, one per line, with markup characters escaped.
 *
 * @example
 * textToHtml('a<b\nc') // => '<p>a&lt;b</p><p>c</p>'
 */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
