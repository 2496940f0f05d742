/**
 * Texts the server composes from a code and its parameters (`{code, params, text}`: why an agency
 * leads, why a place is railway ground) are stored as they were first worded, in the language of
 * whoever caused them. Every answer is worded again for the language of whoever reads it: each
 * wording knows its own codes and answers null for the rest.
 */
export type Lang = 'zh-CN' | 'en';
export type Wording = (code: string, params: Record<string, string | number>, lang: Lang) => string | null;

export class Wordings {
  private readonly list: Wording[] = [];

  /** Adding the same wording again (another app in the same process) changes nothing. */
  add(w: Wording): void {
    if (!this.list.includes(w)) this.list.push(w);
  }

  private text(code: string, params: Record<string, string | number>, lang: Lang): string | null {
    for (const w of this.list) {
      const t = w(code, params, lang);
      if (t !== null) return t;
    }
    return null;
  }

  /**
   * The same value with every worded object's text in `lang`; parts without one are returned as
   * they are (not copied), and arrays of numbers (coordinates) are not even looked into.
   */
  reword<T>(value: T, lang: Lang): T {
    if (!this.list.length) return value;
    return this.walk(value, lang) as T;
  }

  private walk(value: unknown, lang: Lang): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      if (value.length === 0 || typeof value[0] === 'number') return value;
      let out: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const next = this.walk(value[i], lang);
        if (next !== value[i]) (out ??= value.slice())[i] = next;
      }
      return out ?? value;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const o = value as Record<string, unknown>;
    if (typeof o.code === 'string' && typeof o.text === 'string' && o.params && typeof o.params === 'object') {
      const text = this.text(o.code, o.params as Record<string, string | number>, lang);
      return text === null || text === o.text ? o : { ...o, text };
    }
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(o)) {
      const next = this.walk(v, lang);
      if (next !== v) (out ??= { ...o })[k] = next;
    }
    return out ?? o;
  }
}

/** The platform's wordings: modules add theirs when the app is put together. */
export const wordings = new Wordings();
