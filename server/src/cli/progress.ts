/**
 * A progress line on stderr for long CLI work: redrawn in place on a terminal, one line per step
 * when piped (so logs stay readable).
 */
export class Progress {
  private last = 0;
  private shown = -1;
  private readonly tty: boolean;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(done: number, note = ''): void {
    // the work can outgrow its count (a verify walks entries appended after it counted them):
    // the bar then counts up to what was done, never past full
    this.total = Math.max(this.total, done);
    const now = Date.now();
    if (done === this.shown || (done < this.total && now - this.last < (this.tty ? 100 : 2000))) return;
    this.last = now;
    this.shown = done;
    const pct = this.total > 0 ? Math.floor((done / this.total) * 100) : 100;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.label} ${bar} ${pct}% ${done}/${this.total}${note ? ` ${note}` : ''}`;
    if (this.tty) this.stream.write(`\r${line}\x1b[K`);
    else this.stream.write(`${line}\n`);
  }

  done(note = ''): void {
    this.update(this.total, note);
    if (this.tty) this.stream.write('\n');
  }
}

export function step(message: string): void {
  process.stderr.write(`${message}\n`);
}
