import type { Page } from 'playwright-core';

/** Every control and cell on screen that does not fit, described so the failure says where. */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (e: Element) => {
      const id = e.getAttribute('data-testid');
      const text = (e.textContent ?? (e as HTMLInputElement).value ?? '').trim().slice(0, 24);
      return `${e.tagName.toLowerCase()}${id ? `[${id}]` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} “${text}”`;
    };
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('input, select, textarea, button, .btn, nav a, td, th'))) {
      // the map draws its own canvas and controls; what is hidden or clipped away is not read
      if (e.closest('.maplibregl-map') || e.offsetParent === null) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(e);
      const parent = e.parentElement;
      if (parent && style.position !== 'absolute' && style.position !== 'fixed') {
        const p = parent.getBoundingClientRect();
        const ps = getComputedStyle(parent);
        // a container that scrolls sideways holds wide content on purpose
        const scrolls = ps.overflowX === 'auto' || ps.overflowX === 'scroll';
        if (!scrolls && ps.display !== 'contents' && (r.right > p.right + 1 || r.left < p.left - 1)) out.push(`${name(e)} is ${Math.round(r.width)} px wide, out of its ${Math.round(p.width)} px container`);
      }
      // a field scrolls its own value; a label or cell must show all of its text (or end in …)
      const field = e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement || e instanceof HTMLSelectElement;
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll' || style.overflowY === 'auto' || style.overflowY === 'scroll';
      if (!field && !scrolls && style.textOverflow !== 'ellipsis' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 2)) {
        out.push(`${name(e)} holds ${e.scrollWidth}×${e.scrollHeight} px of text in a ${e.clientWidth}×${e.clientHeight} px box`);
      }
    }
    return [...new Set(out)];
  });
}
