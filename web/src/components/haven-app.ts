import { LitElement, css, html, nothing } from 'lit';
import { ContextProvider } from '@lit/context';
import { api, ApiError, setCsrfToken } from '../api';
import { sessionContext, isModerator, type Session } from '../context/session';
import { installEscapeTwice, leaveNow } from '../leave';
import { onLive, setLiveSession } from '../live';
import { PAGE_LOADERS, PAGE_TITLES } from '../pages';
import { match, NavigateEvent, type Route } from '../router';
import { shared } from '../styles';
import type { User } from '../types';

/**
 * The app shell: session provider, header (resources and "leave quickly" on every page), the
 * History API router, and focus moved to each new page's heading.
 */
export class HavenApp extends LitElement {
  static override properties = {
    route: { state: true },
    loadedRoute: { state: true },
    unread: { state: true },
    session: { state: true },
    pageError: { state: true },
  };

  static override styles = [
    shared,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        left: 1rem;
        top: -4rem;
        background: var(--haven-surface);
        padding: 0.5rem 1rem;
        border-radius: 0.5rem;
        z-index: 10;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header {
        border-bottom: 1px solid var(--haven-border);
        background: var(--haven-surface);
      }
      .bar {
        max-width: 52rem;
        margin: 0 auto;
        padding: 0.75rem 1rem;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
      }
      .brand {
        font-size: 1.3rem;
        font-weight: 600;
        color: var(--haven-accent);
        text-decoration: none;
      }
      /* The nav takes the room between the name and "Leave quickly" and wraps inside it, so the
         leave button stays on the first line however many links a role adds. */
      .bar nav {
        flex: 1 1 0;
        min-width: 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.25rem 1rem;
        margin: 0;
        padding: 0;
      }
      nav a {
        display: inline-block;
        padding: 0.35rem 0.1rem;
        color: var(--haven-text);
        text-decoration: none;
      }
      nav a:hover {
        text-decoration: underline;
      }
      nav a[aria-current='page'] {
        text-decoration: underline;
        text-decoration-thickness: 2px;
        color: var(--haven-accent);
      }
      nav a.help {
        color: var(--haven-accent);
        font-weight: 550;
      }
      /* A quiet count in the page's own colours: news, never an alarm. */
      .count {
        display: inline-block;
        min-width: 1.3rem;
        margin-left: 0.35rem;
        padding: 0 0.4rem;
        border-radius: 1rem;
        background: var(--haven-accent-soft);
        color: var(--haven-text);
        font-size: 0.82rem;
        line-height: 1.35rem;
        text-align: center;
      }
      @media (max-width: 40rem) {
        .brand {
          margin-right: auto;
        }
        .bar nav {
          order: 3;
          flex-basis: 100%;
        }
        nav ul {
          justify-content: flex-start;
        }
      }
      .leave {
        font-size: 0.9rem;
        min-height: 2.25rem;
        padding: 0.3rem 0.9rem;
      }
      main {
        max-width: 52rem;
        margin: 0 auto;
        padding: 1.75rem 1rem 4rem;
      }
      footer {
        max-width: 52rem;
        margin: 0 auto;
        padding: 0 1rem 2rem;
        font-size: 0.92rem;
      }
    `,
  ];

  // Reactive properties are `declare`d and set in constructors throughout the app: with ES2022
  // class fields (useDefineForClassFields) an initialised field would shadow Lit's accessors.
  declare route: Route;
  /** The route whose page module has loaded; the page renders only then, so focus can move to it. */
  declare loadedRoute: Route | null;
  declare unread: number;
  declare pageError: boolean;
  declare session: Session;
  #provider: ContextProvider<typeof sessionContext>;

  constructor() {
    super();
    this.route = match(window.location);
    this.loadedRoute = null;
    this.unread = 0;
    this.pageError = false;
    this.session = {
      ready: false,
      user: null,
      signedIn: (user, csrfToken) => this.#setSession(user, csrfToken),
      signedOut: () => this.#setSession(null, null),
    };
    this.#provider = new ContextProvider(this, { context: sessionContext, initialValue: this.session });
  }

  #cleanup: (() => void)[] = [];
  #firstPage = true;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPopState);
    window.addEventListener(NavigateEvent.type, this.#onNavigate);
    this.#cleanup.push(installEscapeTwice());
    this.#cleanup.push(onLive('notification', () => void this.#refreshUnread()));
    this.#cleanup.push(onLive('resync', () => void this.#refreshUnread()));
    void this.#loadSession();
    void this.#loadPage(this.route);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    window.removeEventListener(NavigateEvent.type, this.#onNavigate);
    this.#cleanup.forEach((fn) => fn());
  }

  async #loadSession(): Promise<void> {
    try {
      const me = await api.get<{ user: User; csrfToken: string }>('/api/me');
      this.#setSession(me.user, me.csrfToken);
    } catch (error) {
      // 401 is simply "signed out"; anything else also leaves the visitor reading as a guest.
      if (!(error instanceof ApiError)) console.warn(error);
      this.#setSession(null, null);
    }
  }

  #setSession(user: User | null, csrfToken: string | null): void {
    setCsrfToken(csrfToken);
    this.session = { ...this.session, ready: true, user };
    this.#provider.setValue(this.session);
    setLiveSession(user?.pseudonym ?? null);
    if (user) {
      void this.#refreshUnread();
    } else {
      this.unread = 0;
    }
  }

  async #refreshUnread(): Promise<void> {
    if (!this.session.user) return;
    try {
      this.unread = (await api.get<{ count: number }>('/api/notifications/unread-count')).count;
    } catch {
      // Notifications are a comfort, not a necessity: stay quiet if they cannot be fetched.
      this.unread = 0;
    }
  }

  #onPopState = (): void => {
    this.#show(match(window.location));
  };

  #onNavigate = (event: NavigateEvent): void => {
    this.#go(event.path, event.replace);
  };

  #go(path: string, replace = false): void {
    const url = new URL(path, window.location.href);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.#show(match(url));
    window.scrollTo(0, 0);
  }

  /** Same-origin links anywhere in the app (across shadow roots) go through the router. */
  #onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    if (url.pathname === window.location.pathname && url.search === window.location.search) {
      this.#focusHeading();
      return;
    }
    this.#go(url.pathname + url.search);
  };

  #show(route: Route): void {
    this.route = route;
    void this.#loadPage(route);
    if (this.session.user) void this.#refreshUnread();
  }

  async #loadPage(route: Route): Promise<void> {
    document.title = `${PAGE_TITLES[route.name]} · Haven`;
    try {
      await PAGE_LOADERS[route.name]();
      this.pageError = false;
    } catch {
      this.pageError = true;
    }
    if (this.route !== route) return;
    this.loadedRoute = route;
    if (this.#firstPage) {
      this.#firstPage = false;
      return;
    }
    await this.updateComplete;
    this.#focusHeading();
  }

  /** Moves focus to the new page's main heading, so screen readers start reading there. */
  async #focusHeading(): Promise<void> {
    const page = this.renderRoot.querySelector('main')?.firstElementChild;
    if (page instanceof LitElement) await page.updateComplete;
    const heading = page?.shadowRoot?.querySelector('h1') ?? this.renderRoot.querySelector('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  #current(name: string): 'page' | typeof nothing {
    return this.route.name === name ? 'page' : nothing;
  }

  #renderPage() {
    const route = this.loadedRoute;
    if (this.pageError) {
      return html`<div class="notice" role="alert">
        <h1 tabindex="-1">We could not open this page</h1>
        <p>The connection may have dropped. Reloading the page usually helps.</p>
      </div>`;
    }
    if (!route) return html`<p class="muted" role="status">Loading…</p>`;
    const p = route.params;
    switch (route.name) {
      case 'home':
        return html`<haven-home></haven-home>`;
      case 'board':
        return html`<haven-board .slug=${p.slug ?? ''} .sort=${route.query.get('sort') ?? 'active'}></haven-board>`;
      case 'compose':
        return html`<haven-compose-page .slug=${p.slug ?? ''}></haven-compose-page>`;
      case 'thread':
        return html`<haven-thread .threadId=${p.id ?? ''}></haven-thread>`;
      case 'signup':
        return html`<haven-signup></haven-signup>`;
      case 'signin':
        return html`<haven-signin .next=${route.query.get('next')}></haven-signin>`;
      case 'recover':
        return html`<haven-recover></haven-recover>`;
      case 'account':
        return html`<haven-account></haven-account>`;
      case 'notifications':
        return html`<haven-notifications @haven-notifications-read=${() => (this.unread = 0)}></haven-notifications>`;
      case 'moderation':
        return html`<haven-moderation></haven-moderation>`;
      case 'moderation-log':
        return html`<haven-moderation-log></haven-moderation-log>`;
      case 'admin':
        return html`<haven-admin></haven-admin>`;
      case 'resources':
        return html`<haven-resources></haven-resources>`;
      case 'search':
        return html`<haven-search .q=${route.query.get('q') ?? ''} .board=${route.query.get('board') ?? ''}></haven-search>`;
      case 'not-found':
        return html`<h1 tabindex="-1">We could not find that page</h1>
          <p>It may have moved. <a href="/">Go back to the boards</a>.</p>`;
    }
  }

  #renderNav() {
    const user = this.session.user;
    return html`<nav aria-label="Main">
      <ul>
        <li><a href="/" aria-current=${this.#current('home')}>Boards</a></li>
        <li><a href="/search" aria-current=${this.#current('search')}>Search</a></li>
        <li><a class="help" href="/resources" aria-current=${this.#current('resources')}>Need help now?</a></li>
        ${user
          ? html`<li>
                <a href="/notifications" aria-current=${this.#current('notifications')}
                  >Notifications${this.unread > 0
                    ? html`<span class="count">${this.unread > 99 ? '99+' : this.unread}</span
                        ><span class="visually-hidden"> unread</span>`
                    : nothing}</a
                >
              </li>
              ${isModerator(user)
                ? html`<li><a href="/moderation" aria-current=${this.#current('moderation')}>Moderation</a></li>`
                : nothing}
              ${user.role === 'admin' ? html`<li><a href="/admin" aria-current=${this.#current('admin')}>Admin</a></li>` : nothing}
              <li><a href="/account" aria-current=${this.#current('account')}>${user.pseudonym}</a></li>`
          : this.session.ready
            ? html`<li><a href="/signin" aria-current=${this.#current('signin')}>Sign in</a></li>
                <li><a href="/signup" aria-current=${this.#current('signup')}>Join</a></li>`
            : nothing}
      </ul>
    </nav>`;
  }

  override render() {
    return html`
      <div @click=${this.#onClick}>
        <a class="skip" href="#main" @click=${this.#skip}>Skip to content</a>
        <header>
          <div class="bar">
            <a class="brand" href="/">Haven</a>
            ${this.#renderNav()}
            <button class="leave quiet" @click=${leaveNow} title="Or press Esc twice">
              Leave quickly<span class="visually-hidden"> (or press Escape twice)</span>
            </button>
          </div>
        </header>
        <main id="main">${this.#renderPage()}</main>
        <footer class="muted">
          <p>
            Haven is peer support, not a crisis service. If you might act on thoughts of harming yourself,
            <a href="/resources">reach someone now</a>.
          </p>
        </footer>
      </div>
    `;
  }

  #skip = (event: Event): void => {
    event.preventDefault();
    void this.#focusHeading();
  };
}

customElements.define('haven-app', HavenApp);

declare global {
  interface HTMLElementTagNameMap {
    'haven-app': HavenApp;
  }
}
