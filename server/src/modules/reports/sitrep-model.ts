import type { CommandView, IncidentDetail, LevelState } from '@railjoint/contracts';
import { sitrepWords, type SitrepLang } from './sitrep-words.js';

export interface SitrepInput {
  incident: IncidentDetail;
  level: LevelState;
  command: CommandView | null;
  units: Array<{ id: string; name: string; agency: string; status: string }>;
  number: number;
  /** Beijing-time formatter for the report's times */
  time(iso: string): string;
  now: string;
  /** the language of whoever drafts it (scheduled reports: Chinese) */
  lang?: SitrepLang;
  /** the category in that language (the incident carries its call-taker's) */
  categoryName?: string;
}

export interface SitrepDraft {
  title: string;
  sections: Array<{ key: string; heading: string; body: string }>;
  /** one line per task order, kept apart from the free text: each reader sees only those they may read */
  tasks: SitrepTaskLine[];
}

export interface SitrepTaskLine {
  id: string;
  code: string;
  text: string;
}

/** The sections as printed: the reader's task orders follow the command section's text. */
export function printedSections(r: { sections: SitrepDraft['sections']; tasks: SitrepTaskLine[] }): SitrepDraft['sections'] {
  if (!r.tasks.length) return r.sections;
  return r.sections.map((s) => (s.key === 'command' ? { ...s, body: [s.body, ...r.tasks.map((t) => t.text)].filter(Boolean).join('\n') } : s));
}

/**
 * A situation report (情况报告) drafted from the incident's own data, in the order a duty officer
 * writes one: basic facts, the situation now, the forces engaged, the command and its tasks, the
 * course of events, what comes next. The draft is text a person edits before release, worded in
 * the language of whoever drafts it; people are named by their display names, never codes.
 */
export function draftSitrep(x: SitrepInput): SitrepDraft {
  const w = sitrepWords(x.lang ?? 'zh-CN');
  const i = x.incident;
  const word = (table: Record<string, string>, code: string) => table[code] ?? code;
  const category = x.categoryName ?? i.categoryName;
  const place = [i.location.lineName && i.location.mileage ? `${i.location.lineName} ${i.location.mileage}` : null, i.location.sectionName ? w.section(i.location.sectionName) : null, i.location.stationName, i.location.train ? w.train(i.location.train) : null]
    .filter(Boolean)
    .join(' ');
  const f = x.level.facts;
  const zh = (x.lang ?? 'zh-CN') !== 'en';
  const basics = [
    `${w.code}${i.code}`,
    zh ? `${w.category}${category}（${i.priority}）` : `${w.category}${category} (${i.priority})`,
    w.level(x.level.level, x.level.setBy === 'commander'),
    `${w.place}${place || w.none}`,
    w.received(x.time(i.receivedAt), word(w.channels, i.channel)),
    w.lead(i.lead?.name ?? w.none, i.support.map((a) => a.name).join(zh ? '、' : ', ') || w.none),
    `${w.status}${word(w.statuses, i.status)}`,
  ].join('\n');
  const situation = [
    i.description,
    w.casualties(f.injured, f.dead),
    f.lineBlocked ? w.lineBlocked(f.lineBlockedAt ? x.time(f.lineBlockedAt) : w.none) : w.lineOpen,
    x.level.reasons.length ? w.levelWhy(x.level.reasons.map((r) => (zh ? r.zh : r.en)).join(w.list)) : '',
  ]
    .filter(Boolean)
    .join('\n');
  const forces = x.units.length ? x.units.map((u) => `${u.agency} ${u.name}${zh ? '（' : ' ('}${word(w.unitStatuses, u.status)}${zh ? '）' : ')'}`).join('\n') : w.noUnits;
  const people = (role: 'commander' | 'liaison') => x.command!.members.filter((m) => m.role === role).map((m) => `${m.agencyName} ${m.person}`).join(w.list) || w.none;
  const command = x.command
    ? [
        w.command(x.command.name, x.command.status === 'open', x.time(x.command.openedAt)),
        w.commanders(people('commander')),
        w.liaisons(people('liaison')),
        x.command.currentPlan ? w.objectives(x.command.currentPlan.period, x.command.currentPlan.objectives.join(w.list)) : '',
      ]
        .filter(Boolean)
        .join('\n')
    : w.noCommand;
  const tasks = (x.command?.tasks ?? []).map((t) => ({ id: t.id, code: t.code, text: w.task(t.code, t.title, t.toAgencyName, word(w.taskStatuses, t.status), t.overdue, x.time(t.deadline)) }));
  // the course of events leaves out the task entries: the tasks have their own list, read by reader
  const course = i.timeline
    .filter((e) => !e.action.startsWith('task_'))
    .map((e) => `${x.time(e.at)} ${e.actor.name}${zh ? '：' : ': '}${word(w.actions, e.action)}${e.toStatus && e.toStatus !== e.action ? ` → ${word(w.statuses, e.toStatus)}` : ''}`)
    .join('\n');
  const times = [i.intervals.receivedToDispatchedS, i.intervals.dispatchedToEnRouteS, i.intervals.enRouteToOnSceneS, i.intervals.onSceneToClearedS].map((s, k) => `${w.intervals[k]}${w.duration(s)}`).join('\n');
  return {
    title: w.title(i.code, category, x.number),
    sections: [
      { key: 'basics', heading: w.headings.basics, body: basics },
      { key: 'situation', heading: w.headings.situation, body: situation },
      { key: 'forces', heading: w.headings.forces, body: forces },
      { key: 'command', heading: w.headings.command, body: command },
      { key: 'course', heading: w.headings.course, body: course },
      { key: 'times', heading: w.headings.times, body: times },
      { key: 'next', heading: w.headings.next, body: x.command?.currentPlan ? x.command.currentPlan.objectives.join(w.list) : w.fillIn },
    ],
    tasks,
  };
}
