/**
 * The 风险 room on the demo department: an analyst opens it from the room bar, sees the risk strip
 * of 湘桂线 with its top cells marked and listed by mileage, picks a cell and reads its range,
 * rank and factors, and the terrain model's weights; the map carries the heat layer, drawn along
 * the line; a backtest shows the PAI table with the retrospective baseline and the best method;
 * twenty posts placed over the risk beat the patrol cars where they stand, on the map too
 * marked; the what-if moves posts and changes the cars on shift, shows a run's progress and cancels
 * one. The centre's dispatcher gets the room too, a township's liaison does not. The browser logs no error. Needs `npm run build -w web` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, type Console } from './browser.js';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const RANGE = /^K\d+\+\d{3}—K\d+\+\d{3}$/;

type MapHandle = { getLayer(id: string): unknown; getLayoutProperty(id: string, p: string): unknown; querySourceFeatures(id: string): unknown[] };

describe('console: risk along the line', () => {
  let browser: Console;
  beforeAll(async () => {
    browser = await openConsole();
  });
  afterAll(async () => browser?.close());

  it('shows an analyst the strip, the heat layer and a backtest beside its baseline', { timeout: 120_000 }, async () => {
    const { page, server } = browser;
    await page.goto(server.url);
    await browser.signIn('lz.analyst');
    await page.getByTestId('nav-risk').click();
    await page.getByTestId('risk-strip-tab').waitFor();
    expect(new URL(page.url()).pathname).toBe('/risk/strip');

    // 湘桂线 by the terrain model, 100 m cells
    await page.getByTestId('risk-line').selectOption('xianggui');
    await page.getByTestId('risk-method').selectOption('rtm');
    const strip = page.getByTestId('risk-strip');
    await strip.waitFor();
    expect(new URL(page.url()).searchParams.get('line')).toBe('xianggui');
    expect(Number(await strip.getAttribute('data-cells'))).toBeGreaterThan(100);
    // the ten riskiest cells marked on the strip and listed beside it, by K-mileage, ranks rising
    expect(await page.getByTestId('risk-strip-top').count()).toBe(10);
    const rows = page.getByTestId('risk-top-row');
    expect(await rows.count()).toBe(10);
    const ranks = (await rows.locator('td:nth-child(1)').allTextContents()).map(Number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const r of await rows.locator('td:nth-child(2)').allTextContents()) expect(r).toMatch(RANGE);
    const ticks = await page.getByTestId('risk-strip-tick').allTextContents();
    expect(ticks.length).toBeGreaterThan(4);
    for (const x of ticks) expect(x).toMatch(/^K\d+\+\d{3}$/);
    // the terrain model's weights, named in words
    expect(await page.getByTestId('risk-weight-row').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('risk-weights').textContent()).toContain('车站 500 米内');

    // a click on the strip's top cell names it
    const first = page.getByTestId('risk-strip-top').first();
    const rank = await first.getAttribute('data-rank');
    expect(rank).toBe(String(ranks[0]));
    // where a hand would point: the middle of the marked bar (the strip reads the place along the line)
    const box = (await first.locator('rect').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const picked = (await page.getByTestId('risk-picked').textContent())!;
    expect(picked).toContain(`全局排名第 ${rank}`);
    // cells of equal risk share a rank (the terrain model scores alike cells alike): one of the listed ones
    const listed = await rows.locator('td:nth-child(2)').allTextContents();
    expect(listed.some((r) => picked.startsWith(r))).toBe(true);
    expect(picked).toContain('历史警情');

    // another method redraws the strip; its top cells keep their mileage
    await page.getByTestId('risk-method').selectOption('nkde');
    await expect.poll(() => page.getByTestId('risk-top').textContent()).toMatch(/密度/);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'risk-strip.png'), fullPage: true });

    // the backtest: the last six months against the rest of the history
    await page.getByTestId('risk-tab-backtest').click();
    await page.getByTestId('risk-train-until').fill('2026-06-01');
    await page.getByTestId('risk-test-until').fill('2026-12-01');
    await page.getByTestId('risk-backtest-run').click();
    await page.getByTestId('risk-pai-table').waitFor({ timeout: 60_000 });
    const methods = await page.getByTestId('risk-pai-row').evaluateAll((els) => els.map((e) => ({ method: e.getAttribute('data-method'), baseline: e.hasAttribute('data-baseline'), best: e.hasAttribute('data-best') })));
    expect(methods.map((m) => m.method).sort()).toEqual(['near_repeat', 'nkde', 'retrospective', 'rtm']);
    expect(methods.filter((m) => m.baseline).map((m) => m.method)).toEqual(['retrospective']);
    // one best, and on the demo history it is not the baseline
    const best = methods.filter((m) => m.best);
    expect(best).toHaveLength(1);
    expect(best[0]!.baseline).toBe(false);
    const baselineRow = page.locator('[data-testid="risk-pai-row"][data-baseline]');
    expect(await baselineRow.textContent()).toContain('基线');
    const pai = (await baselineRow.getByTestId('risk-pai').allTextContents()).map(Number);
    expect(pai).toHaveLength(3);
    expect(pai.every((v) => v > 1)).toBe(true);
    expect(await page.getByTestId('risk-pai-chart').locator('rect[data-value]').count()).toBe(12);
    await page.screenshot({ path: path.join(OUT, 'risk-backtest.png'), fullPage: true });

    // posts (issue 13): twenty posts placed over the risk cover more than the patrol cars where they stand, shown on the map
    await page.getByTestId('risk-tab-posts').click();
    await page.getByTestId('posts-p').fill('20');
    await page.getByTestId('posts-run').click();
    await page.getByTestId('posts-compare').waitFor({ timeout: 30_000 });
    const share = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-share'));
    expect(await share('posts-proposed')).toBeGreaterThan(await share('posts-current'));
    expect(await page.getByTestId('posts-list').locator('tbody tr').count()).toBe(20);
    await page.screenshot({ path: path.join(OUT, 'risk-posts.png'), fullPage: true });
    await page.getByTestId('posts-map').click();
    await expect
      .poll(() => page.evaluate(() => {
        const map = (window as unknown as { __railjointMap?: MapHandle }).__railjointMap;
        return map?.getLayer('post-sites') ? map.getLayoutProperty('post-sites', 'visibility') : null;
      }), { timeout: 15_000 })
      .toBe('visible');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __railjointMap: MapHandle }).__railjointMap.querySourceFeatures('post-sites').length), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'risk-posts-map.png') });
    await page.getByTestId('map-layers-open').click();
    await page.getByTestId('layer-posts').uncheck();
    await page.getByTestId('map-layers-open').click();

    // the heat layer on the map, off until turned on, then drawn along the lines
    await page.getByTestId('nav-map').click();
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __railjointMap?: MapHandle }).__railjointMap?.getLayer('risk-cells'))), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('map-layers-open').click();
    await page.getByTestId('layer-risk').check();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __railjointMap: MapHandle }).__railjointMap.getLayoutProperty('risk-cells', 'visibility'))).toBe('visible');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __railjointMap: MapHandle }).__railjointMap.querySourceFeatures('risk-cells').length), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(OUT, 'risk-map.png') });
    expect(browser.errors).toEqual([]);

    // the centre's dispatcher may (the console tells by the agency's type, as the server does); a township's liaison may not
    await browser.signOut();
    await browser.signIn('lz.dispatcher1');
    await page.getByTestId('nav-risk').waitFor();
    await browser.signOut();
    await browser.signIn('liunan.liaison');
    await page.getByTestId('nav-hazards').waitFor();
    expect(await page.getByTestId('nav-risk').count()).toBe(0);
    expect(browser.errors).toEqual([]);

    // generates next week's randomised patrol duties: the game's loss at most the fixed and the
    // uniform patrols', a day's draw per team, written as duties the patrol plans then list
    await browser.signOut();
    await browser.signIn('lz.analyst');
    await page.getByTestId('nav-risk').click();
    await page.getByTestId('risk-tab-patrols').click();
    await page.getByTestId('patrol-game-run').click();
    await page.getByTestId('patrol-game-losses').waitFor({ timeout: 30_000 });
    const loss = async (id: string) => Number(await page.getByTestId(`patrol-game-loss-${id}`).getAttribute('data-loss'));
    expect(await loss('game')).toBeLessThanOrEqual(Math.min(await loss('byRank'), await loss('uniform')) + 1e-9);
    expect(await page.getByTestId('patrol-game-coverage').locator('tbody tr').count()).toBeGreaterThan(3);
    const week = page.getByTestId('patrol-game-schedule');
    expect(await week.locator('thead th').count()).toBe(8);
    expect(await week.locator('tbody tr').count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(OUT, 'risk-patrol-duties.png'), fullPage: true });
    await page.getByTestId('patrol-game-write').click();
    const written = page.getByTestId('patrol-game-written');
    await written.waitFor({ timeout: 30_000 });
    expect(Number(await written.getAttribute('data-written'))).toBeGreaterThan(0);
    await page.getByTestId('patrol-game-see-duties').click();
    await page.getByTestId('patrol-admin-plans').waitFor();
    await expect.poll(() => page.getByTestId('patrol-admin-plans').textContent(), { timeout: 15_000 }).toContain('随机巡逻');
    expect(browser.errors).toEqual([]);

    // what-if on the department's data: siloed against joint, read side by side with charts and
    // the assumptions beside them; a second run with one agency's cars doubled stays beside the first
    await page.getByTestId('nav-risk').click();
    await page.getByTestId('risk-tab-what-if').click();
    await page.getByTestId('what-if-days').fill('7');
    await page.getByTestId('what-if-run').click();
    await page.getByTestId('what-if-compare').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('what-if-col-siloed').count()).toBe(1);
    expect(await page.getByTestId('what-if-col-joint').count()).toBe(1);
    const [siloedP90, jointP90] = JSON.parse((await page.getByTestId('what-if-row-p90').getAttribute('data-values')) ?? '[]') as number[];
    expect(jointP90!).toBeLessThanOrEqual(siloedP90!);
    for (const chart of ['p90', 'within', 'utilisation']) await expect.poll(() => page.getByTestId(`what-if-chart-${chart}`).locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('what-if-assumptions-1').textContent()).toContain('派警到达时间模型');
    // the second run: one agency's cars on shift doubled, one car moved to a station and another to
    // a point picked on the drawing of the lines; the run shows its progress, then stays beside the first
    const onShift = page.getByTestId('what-if-staffing').locator('input[type=number]').first();
    await onShift.fill(String(Number(await onShift.inputValue()) * 2));
    await page.getByTestId('what-if-move-unit').selectOption({ index: 1 });
    await page.getByTestId('what-if-move-kind').selectOption('station');
    await page.getByTestId('what-if-move-place').selectOption({ index: 1 });
    await page.getByTestId('what-if-move-add').click();
    await page.getByTestId('what-if-move-unit').selectOption({ index: 2 });
    await page.getByTestId('what-if-map').scrollIntoViewIfNeeded();
    // a spot beside a line where nothing else is drawn: a click there is a point, not a station or a car
    const spot = await page.getByTestId('what-if-map').evaluate((svg) => {
      const m = (svg as SVGSVGElement).getScreenCTM()!;
      for (const line of Array.from(svg.querySelectorAll('polyline'))) {
        for (let i = 0; i < line.points.numberOfItems; i += 5) {
          const p = line.points.getItem(i);
          for (const dy of [6, -6, 9, -9]) {
            const at = { x: p.x * m.a + m.e, y: p.y * m.d + m.f + dy };
            if (document.elementFromPoint(at.x, at.y) === svg) return at;
          }
        }
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    expect(await page.getByTestId('what-if-move-point').textContent()).toMatch(/^地图点（\d+\.\d{4}，\d+\.\d{4}）$/);
    await page.getByTestId('what-if-move-add').click();
    expect(await page.getByTestId('what-if-move-list').locator('li').count()).toBe(2);
    expect(await page.getByTestId('what-if-map').locator('line.what-if-map-move').count()).toBe(2);
    await page.getByTestId('what-if-run').click();
    await page.getByTestId('what-if-progress').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('what-if-runs').locator('li').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.getByTestId('what-if-table').locator('thead th').count()).toBe(5);
    const second = (await page.getByTestId('what-if-assumptions-2').textContent())!;
    expect(second).toContain('警力调整');
    expect(second).toContain('岗位调整');
    expect(second).toContain('移至地图点');
    expect(await page.getByTestId('what-if-runs').locator('li').nth(1).textContent()).toContain('调整 2 个岗位');
    await page.screenshot({ path: path.join(OUT, 'risk-what-if.png'), fullPage: true });
    // a run with the optimised posts, cancelled while it runs: said so, and no third run listed
    await page.getByTestId('what-if-policy-joint_optimised_posts').check();
    await page.getByTestId('what-if-run').click();
    await page.getByTestId('what-if-cancel').click();
    await page.getByTestId('what-if-cancelled').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('what-if-run').isEnabled()).toBe(true);
    expect(await page.getByTestId('what-if-runs').locator('li').count()).toBe(2);

    // the mechanism's effectiveness: three answers with their assumptions, and the PDF report
    await page.getByTestId('risk-tab-effectiveness').click();
    await page.getByTestId('effectiveness-tab').locator('input').first().fill('3');
    await page.getByTestId('effect-run').click();
    for (const part of ['response', 'posts', 'patrols']) {
      await page.getByTestId(`effect-${part}`).waitFor({ timeout: 60_000 });
      expect(await page.getByTestId(`effect-${part}`).locator('.posts-assumptions li').count()).toBeGreaterThan(0);
    }
    expect(await page.getByTestId('effect-posts').locator('.effect-headline').textContent()).toMatch(/多覆盖 -?\d/);
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('effect-pdf').click()]);
    expect(report.suggestedFilename()).toBe('effectiveness.pdf');
    await page.screenshot({ path: path.join(OUT, 'risk-effectiveness.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
