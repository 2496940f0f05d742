import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EffectivenessReport } from '@railjoint/contracts';
import { DEPARTMENT_TIME_ZONE } from '../../../platform/clock.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

const minutes = (s: number | null) => (s === null ? '—' : `${Math.round(s / 60)}`);
const share = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/**
 * The effectiveness report as a PDF for the department's leadership: three questions, each answered
 * with its number, the figures behind it and its assumptions written next to it, in the reader's
 * language.
 */
export function effectivenessPdf(r: EffectivenessReport, department: string, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const en = lang === 'en';
  return new Promise((resolve, reject) => {
    const title = en ? 'Effectiveness of joint prevention and control' : '联防联控机制成效评估';
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: department, Creator: 'RailJoint' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('zh', path.join(FONT_DIR, 'NotoSansHans-Regular.otf'));
    doc.registerFont('zh-bold', path.join(FONT_DIR, 'NotoSansHans-Bold.otf'));
    const h = (t: string) => doc.moveDown(0.8).font('zh-bold').fontSize(13).fillColor('#1f2933').text(t);
    const big = (t: string) => doc.moveDown(0.2).font('zh-bold').fontSize(16).fillColor('#2f6fde').text(t);
    const p = (t: string) => doc.font('zh').fontSize(10).fillColor('#1f2933').text(t);
    const notes = (list: readonly string[]) => {
      doc.moveDown(0.2).font('zh').fontSize(8.5).fillColor('#52606d');
      for (const a of list) doc.text(`· ${a}`);
    };
    const when = new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone: DEPARTMENT_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }).format(new Date(r.generatedAt));
    doc.font('zh-bold').fontSize(18).fillColor('#1f2933').text(title, { align: 'center' });
    doc.font('zh').fontSize(10).fillColor('#52606d').text(`${department} · ${when}`, { align: 'center' });

    const resp = r.response;
    h(en ? '1. How much faster is the joint response than agencies working apart?' : '一、联合处置比各自为战快多少？');
    big(resp.p90FasterPct === null ? '—' : en ? `p90 ${resp.p90FasterPct}% shorter; ${resp.withinLimitGainPts ?? '—'} points more within the limit` : `90% 分位到场时间缩短 ${resp.p90FasterPct}%；按时到场率提高 ${resp.withinLimitGainPts ?? '—'} 个百分点`);
    p(
      en
        ? `Simulated ${resp.days} days on the same incidents. Siloed: p50 ${minutes(resp.siloed.p50S)} min, p90 ${minutes(resp.siloed.p90S)} min, within limit ${share(resp.siloed.withinLimitShare)}. Joint: p50 ${minutes(resp.joint.p50S)} min, p90 ${minutes(resp.joint.p90S)} min, within limit ${share(resp.joint.withinLimitShare)}.`
        : `同一批警情仿真 ${resp.days} 天。各自为战：中位 ${minutes(resp.siloed.p50S)} 分钟，90% 分位 ${minutes(resp.siloed.p90S)} 分钟，按时到场 ${share(resp.siloed.withinLimitShare)}；联合处置：中位 ${minutes(resp.joint.p50S)} 分钟，90% 分位 ${minutes(resp.joint.p90S)} 分钟，按时到场 ${share(resp.joint.withinLimitShare)}。`,
    );
    notes(resp.assumptions);

    const posts = r.posts;
    h(en ? '2. How much more of the risk do the optimal posts cover than today’s?' : '二、优化岗位比现有岗位多覆盖多少风险？');
    big(en ? `${posts.gainPts} points more of the risk within ${posts.limitMin} min` : `${posts.limitMin} 分钟内多覆盖 ${posts.gainPts} 个百分点的风险`);
    p(en ? `${posts.currentPosts} cars where they stand cover ${posts.currentShare}%; ${posts.p} posts chosen over the risk cover ${posts.proposedShare}%.` : `现有 ${posts.currentPosts} 辆巡逻车所在位置覆盖 ${posts.currentShare}%；按风险选出的 ${posts.p} 个岗位覆盖 ${posts.proposedShare}%。`);
    notes(posts.assumptions);

    const g = r.patrols;
    h(en ? '3. How much better do randomised patrols protect than fixed ones?' : '三、随机巡逻比固定巡逻好多少？');
    big(g.betterThanFixedPct === null ? '—' : en ? `${g.betterThanFixedPct}% less expected loss than fixed patrols` : `预期损失比固定巡逻少 ${g.betterThanFixedPct}%`);
    p(en ? `Expected loss as a share of the patrolled stretches’ risk, against an attacker who watches: randomised ${share(g.game)}, fixed by risk rank ${share(g.byRank)}, uniform ${share(g.uniform)}.` : `面对观察巡逻规律的破坏者，预期损失占巡逻路段总风险的比例：随机巡逻 ${share(g.game)}，按风险排序固定巡逻 ${share(g.byRank)}，平均分配 ${share(g.uniform)}。`);
    notes(g.assumptions);
    doc.end();
  });
}
