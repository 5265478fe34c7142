import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import { messageOf } from './api';
import { sessionContext } from './context/session';
import { shared } from './styles';
import type { User } from './types';

/** What joining and recovering both answer with: a signed-in member and a fresh recovery code. */
export interface CodeIssued {
  user: User;
  csrfToken: string;
  recoveryCode: string;
}

/**
 * The half that joining and recovering share: a form whose answer signs the member in and
 * carries a new recovery code, shown once (`code` and `user` are set, and the page's heading
 * takes focus); a problem is shown in the form's alert, which takes focus instead.
 */
export abstract class RecoveryCodeForm extends LitElement {
  static override properties = { sending: { state: true }, error: { state: true }, code: { state: true }, user: { state: true } };
  static override styles = [shared];

  declare sending: boolean;
  declare error: string;
  declare code: string;
  declare user: User | null;

  constructor() {
    super();
    this.sending = false;
    this.error = '';
    this.code = '';
    this.user = null;
  }
  #session = new ContextConsumer(this, { context: sessionContext, subscribe: true });

  /** Shows `invalid` when the form has a problem; otherwise sends the request and shows its outcome. */
  protected async submit(invalid: string, send: () => Promise<CodeIssued>): Promise<void> {
    this.error = invalid;
    if (!invalid) {
      this.sending = true;
      try {
        const result = await send();
        // Show the code before the session change re-renders the header, so it is the first thing read.
        this.code = result.recoveryCode;
        this.user = result.user;
        this.#session.value?.signedIn(result.user, result.csrfToken);
        await this.updateComplete;
        this.renderRoot.querySelector('h1')?.focus();
        return;
      } catch (error) {
        this.error = messageOf(error);
      } finally {
        this.sending = false;
      }
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('[role="alert"]') as HTMLElement | null)?.focus();
  }
}
