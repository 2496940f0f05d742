/**
 * Most important first: a station name beats a kilometre post, which beats the line's name, then
 * a town or village, then the county around it, then a township.
 */
const PRIORITY = ['.station-label', '.km-label', '.line-label', '.place-label', '.area-label-county_police_bureau', '.area-label-township'];
const HIDDEN = 'is-cluttered';
/** breathing room between two labels, px */
const GAP = 2;

/**
 * Hides every HTML label that would overlap a more important one, greedily, in screen space.
 * Symbol layers would do this for us but need glyphs; ~100 visible labels measure in well under a
 * frame, so running this after each move is cheap. Labels the zoom band hides measure 0 and are
 * skipped; `visibility` (not `display`) keeps the hidden ones measurable for the next pass.
 */
export function declutterLabels(container: HTMLElement): void {
  const kept: DOMRect[] = [];
  for (const selector of PRIORITY) {
    for (const el of container.querySelectorAll<HTMLElement>(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const clash = kept.some((k) => r.left < k.right + GAP && r.right + GAP > k.left && r.top < k.bottom + GAP && r.bottom + GAP > k.top);
      el.classList.toggle(HIDDEN, clash);
      if (!clash) kept.push(r);
    }
  }
}
