/**
 * The workspace runs under a Content-Security-Policy without 'unsafe-inline' for styles: a <style>
 * element applies only when it carries the nonce the server put in this page's
 * <meta name="csp-nonce"> (a fresh one per response, see server/src/kernel/http/spa.ts).
 */
export const cspNonce: string | undefined =
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;

/** For antd's ConfigProvider `csp` (one object, so its context stays stable). */
export const antdCsp: { nonce: string } | undefined = cspNonce ? { nonce: cspNonce } : undefined;

/**
 * antd's CSS-in-JS takes the nonce from ConfigProvider, but a few of its helpers (the scroll lock of
 * Modal and Drawer, the scrollbar measurement) create <style> elements with no way to pass one. So
 * every <style> element created by this page's own scripts gets the nonce. Markup injected as HTML
 * (innerHTML, server pages) does not go through createElement and stays blocked.
 */
export function nonceScriptStyles(nonce = cspNonce): void {
  if (!nonce) return;
  const create = document.createElement.bind(document) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = function createElement(tag: string, options?: ElementCreationOptions): HTMLElement {
    const element = create(tag, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof document.createElement;
}

/**
 * The same for style attributes: some components (antd's auto-size TextArea measures its text in a
 * hidden textarea) call setAttribute('style', …), which the policy refuses like markup. Our own
 * scripts' calls go through the CSSOM instead, which CSP does not restrict; a style="" attribute in
 * injected HTML is still refused.
 */
export function cssomStyleAttributes(): void {
  const set = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function setAttribute(this: Element, name: string, value: string): void {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    set.call(this, name, value);
  };
}
