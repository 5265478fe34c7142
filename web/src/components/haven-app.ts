import { LitElement, css, html } from 'lit';

interface Board {
  slug: string;
  name: string;
  description: string;
  threadCount: number;
}

/** The app shell: for now, the boards from /api/boards. */
export class HavenApp extends LitElement {
  static override properties = { boards: { state: true }, failed: { state: true } };
  static override styles = css`
    :host { display: block; max-width: 48rem; margin: 0 auto; padding: 2rem 1rem; }
    h1 { font-weight: 500; color: var(--haven-accent); }
    ul { list-style: none; padding: 0; }
    li { background: var(--haven-surface); border: 1px solid var(--haven-border); border-radius: 0.75rem; padding: 1rem 1.25rem; margin: 0.75rem 0; }
    h2 { font-size: 1.15rem; margin: 0 0 0.25rem; }
    p { margin: 0; color: var(--haven-muted); }
  `;

  boards: Board[] = [];
  failed = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const response = await fetch('/api/boards');
      if (!response.ok) throw new Error(String(response.status));
      this.boards = ((await response.json()) as { items: Board[] }).items;
    } catch {
      this.failed = true;
    }
  }

  override render() {
    return html`
      <header><h1>Haven</h1><p>A quiet place to be heard.</p></header>
      <main>
        ${this.failed ? html`<p role="alert">We could not load the boards. Please try again soon.</p>` : ''}
        <ul>
          ${this.boards.map((b) => html`<li><h2>${b.name}</h2><p>${b.description}</p></li>`)}
        </ul>
      </main>
    `;
  }
}

customElements.define('haven-app', HavenApp);

declare global {
  interface HTMLElementTagNameMap {
    'haven-app': HavenApp;
  }
}
