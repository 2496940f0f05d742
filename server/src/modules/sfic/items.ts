import type { SfiComponent } from '@railjoint/contracts';

/**
 * The quarterly collaboration survey: ten statements answered 1 (strongly disagree) to 5
 * (strongly agree), after the Wilder collaboration factors inventory, each placed under the SFIC
 * component it informs. Kept short so an agency's staff answer it every quarter; the ids are
 * stable, so a reworded statement keeps its history.
 */
export interface SurveyItemDef {
  id: string;
  component: SfiComponent;
  zh: string;
  en: string;
}

export const SURVEY_ITEMS: readonly SurveyItemDef[] = [
  { id: 'history', component: 'starting_conditions', zh: '本单位与其他成员单位以往的合作经历是积极的。', en: 'Our past experience of working with the other member agencies has been good.' },
  { id: 'roles', component: 'institutional_design', zh: '各单位在护路联防中的职责分工清楚（谁牵头、谁配合、时限多少）。', en: 'Each agency’s part in joint prevention is clear (who leads, who supports, within what time).' },
  { id: 'rules', component: 'institutional_design', zh: '联席会议和协作规则对所有成员单位公平、公开。', en: 'The joint meetings and the rules of working together are fair and open to every member.' },
  { id: 'leadership', component: 'facilitative_leadership', zh: '协调中心能有效组织、推动各单位协作并化解分歧。', en: 'The coordination centre organises the work, moves it forward and settles disagreements well.' },
  { id: 'dialogue', component: 'collaborative_process', zh: '成员单位之间能够及时、坦诚地沟通。', en: 'Member agencies talk to each other promptly and openly.' },
  { id: 'trust', component: 'collaborative_process', zh: '我相信其他成员单位会履行它们的承诺。', en: 'I trust the other member agencies to keep their commitments.' },
  { id: 'commitment', component: 'collaborative_process', zh: '本单位把护路联防看作自己的责任，而不只是额外负担。', en: 'Our agency sees joint prevention as its own duty, not an extra burden.' },
  { id: 'understanding', component: 'collaborative_process', zh: '各单位对沿线主要风险和共同目标有一致的认识。', en: 'The agencies share an understanding of the main risks along the line and of their common goals.' },
  { id: 'results', component: 'outcomes', zh: '联防联控已带来看得见的成效（如警情下降、隐患整改）。', en: 'Joint prevention has brought visible results (fewer incidents, hazards put right).' },
  { id: 'worth', component: 'outcomes', zh: '本单位在联防联控上投入的人力物力是值得的。', en: 'What our agency puts into joint prevention is worth it.' },
];

export const COMPONENT_NAMES: Record<SfiComponent, { zh: string; en: string }> = {
  starting_conditions: { zh: '初始条件', en: 'Starting conditions' },
  institutional_design: { zh: '制度设计', en: 'Institutional design' },
  facilitative_leadership: { zh: '催化型领导', en: 'Facilitative leadership' },
  collaborative_process: { zh: '协作过程', en: 'Collaborative process' },
  outcomes: { zh: '协作成效', en: 'Outcomes' },
};

export const COMPONENTS = Object.keys(COMPONENT_NAMES) as SfiComponent[];
