import type { Locator, Page } from 'playwright-core';

/**
 * Counts what a dispatcher does with the keyboard and the mouse: each click and each key press is
 * one action, typing into one field is one action (whatever its length), choosing in a native
 * select is two (open it, pick). The call's description is typed but not counted: it is the
 * caller's story, not work the console asks for.
 */
export class ActionCounter {
  count = 0;
  readonly log: string[] = [];

  constructor(private readonly page: Page) {}

  private note(what: string): void {
    this.count += 1;
    this.log.push(what);
  }

  async press(key: string): Promise<void> {
    this.note(`press ${key}`);
    await this.page.keyboard.press(key);
  }

  async click(target: Locator, what: string): Promise<void> {
    this.note(`click ${what}`);
    await target.click();
  }

  /** types into the focused field */
  async type(text: string): Promise<void> {
    this.note(`type ${text}`);
    await this.page.keyboard.type(text);
  }

  async select(target: Locator, label: string): Promise<void> {
    this.note(`open ${label}`);
    this.note(`choose ${label}`);
    // as the mouse would leave it: the focus on the select, the option chosen
    await target.focus();
    await target.selectOption({ label });
  }

  /** the caller's description: typed, not counted */
  async describe(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }
}
