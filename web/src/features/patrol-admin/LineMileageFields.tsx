import { normalMileage } from './shared';

/**
 * A place given as a line and a mileage (线路 + 里程), the mileage written the railway's way
 * (K500+200) once the field is left. Hazard reports and defensible-space sites both ask for it.
 */
export function LineMileageFields({ testIdPrefix, lines, lineId, onLine, mileage, onMileage, lineLabel, mileageLabel, placeholder }: {
  testIdPrefix: string;
  lines: ReadonlyArray<{ id: string; name: string }>;
  lineId: string;
  onLine(id: string): void;
  mileage: string;
  onMileage(text: string): void;
  lineLabel: string;
  mileageLabel: string;
  placeholder: string;
}) {
  return (
    <>
      <label className="field">
        <span>{lineLabel}</span>
        <select data-testid={`${testIdPrefix}-line`} value={lineId} onChange={(e) => onLine(e.target.value)}>
          {lines.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{mileageLabel}</span>
        <input data-testid={`${testIdPrefix}-mileage`} required placeholder={placeholder} value={mileage} onChange={(e) => onMileage(e.target.value)} onBlur={() => mileage && onMileage(normalMileage(mileage))} />
      </label>
    </>
  );
}
