import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Survey } from '@railjoint/contracts';
import { useT } from '../../app/i18n/useT';
import { useErrorText } from '../../api/useErrorText';
import { answerSurvey, sficKey } from './sficApi';

/** The quarter's ten statements, each 1–5; sent once, filed under the agency without the person's name. */
export function SurveyForm({ survey }: { survey: Survey }) {
  const { t } = useT();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const complete = survey.items.every((i) => answers[i.id] !== undefined);
  const send = async () => {
    setError(null);
    try {
      await answerSurvey({ answers, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      await qc.invalidateQueries({ queryKey: sficKey });
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="sfic-survey" data-testid="sfic-survey" onSubmit={(e) => { e.preventDefault(); void send(); }}>
      <p className="muted">{t('sfic.survey.intro', { quarter: survey.quarter })}</p>
      <ol>
        {survey.items.map((i) => (
          <li key={i.id} data-testid={`survey-item-${i.id}`}>
            <span>{i.text}</span>
            <span className="sfic-scale" role="radiogroup" aria-label={i.text}>
              {[1, 2, 3, 4, 5].map((x) => (
                <label key={x} title={t(`sfic.scale.${x}` as 'sfic.scale.1')}>
                  <input type="radio" name={i.id} value={x} checked={answers[i.id] === x} onChange={() => setAnswers({ ...answers, [i.id]: x })} />
                  {x}
                </label>
              ))}
            </span>
          </li>
        ))}
      </ol>
      <label className="sfic-comment">
        {t('sfic.survey.comment')}
        <textarea value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
      </label>
      {error != null && <p className="notice notice-error" role="alert">{errorText(error)}</p>}
      <button type="submit" className="btn btn-primary" data-testid="survey-send" disabled={!complete}>{t('sfic.survey.send')}</button>
    </form>
  );
}
