import type { Locator, Page } from 'playwright-core';

/** Signs in through the login page and waits for the workspace. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login_username').fill(username);
  await page.locator('#login_password').fill(password);
  await page.locator('form[id="login"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Keys of the GB/T 28038 layout that sit on the Shift layer of the on-screen keyboard. */
const SHIFTED = new Set(['E', 'N', 'K', 'C', 'H', 'R', 'L', 'Z', 'Q', '"']);

/** Types by clicking the on-screen Mongolian keyboard, key by key (Shift first where needed). */
export async function clickKeys(page: Page, keys: readonly string[]): Promise<void> {
  const keyboard = page.getByTestId('mongol-keyboard');
  for (const key of keys) {
    if (SHIFTED.has(key)) await keyboard.locator('button[data-key="Shift"]').click();
    await keyboard.locator(`button[data-key="${key.replace(/["\\]/g, '\\$&')}"]`).click();
  }
}

/** Clicks an antd radio button by the data-testid of its (visually hidden) input. */
export async function clickRadio(page: Page, testId: string): Promise<void> {
  await page.locator('label').filter({ has: page.getByTestId(testId) }).click();
}

/** The caret (focus) as a character offset into `root`'s text, and the selected text. */
export function caretIn(root: Locator): Promise<{ offset: number; selected: string } | null> {
  return root.evaluate((el) => {
    const sel = getSelection();
    if (!sel || !sel.rangeCount || !sel.focusNode || !el.contains(sel.focusNode)) return null;
    const range = document.createRange();
    range.setStart(el, 0);
    range.setEnd(sel.focusNode, sel.focusOffset);
    return { offset: range.toString().length, selected: sel.toString() };
  });
}

/** Writing mode, first font family and box of an element. */
export async function verticalStyle(el: Locator) {
  const box = await el.boundingBox();
  const style = await el.evaluate((node) => {
    const s = getComputedStyle(node);
    return {
      writingMode: s.writingMode,
      transform: s.transform,
      font: s.fontFamily.split(',')[0]!.trim().replace(/['"]/g, ''),
    };
  });
  return { box, ...style };
}
