/** Key names as keycaps: "Alt+N" shows as two caps joined. */
export function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="keys">
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && <span className="keys-or"> / </span>}
          {k.split('+').map((part, j) => (
            <span key={part}>
              {j > 0 && '+'}
              <kbd>{part}</kbd>
            </span>
          ))}
        </span>
      ))}
    </span>
  );
}

/** The keys for a tooltip: "新接警 (N / Alt+N)". */
export function withKeys(label: string, keys: readonly string[]): string {
  return `${label} (${keys.join(' / ')})`;
}
