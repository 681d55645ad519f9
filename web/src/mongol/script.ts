/** True when `text` holds at least one Traditional Mongolian letter (U+1820–U+18AF). */
export function hasMongolian(text: string): boolean {
  return /[\u1820-\u18AF]/.test(text);
}
