import { css } from 'lit';

/**
 * Styles every page shares: type, cards, buttons, form controls, visible focus and reduced motion.
 * Adopted stylesheets, so the CSP's `style-src 'self'` holds without 'unsafe-inline'.
 */
export const shared = css`
  :host {
    display: block;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.75rem;
    font-weight: 550;
    line-height: 1.25;
    margin: 0 0 0.5rem;
    overflow-wrap: anywhere;
  }
  h1:focus {
    outline: none;
  }
  h1:focus-visible {
    outline: 3px solid var(--haven-focus);
    outline-offset: 4px;
    border-radius: 4px;
  }
  h2 {
    font-size: 1.2rem;
    font-weight: 550;
    line-height: 1.3;
    margin: 0 0 0.25rem;
  }
  p {
    margin: 0 0 0.75rem;
  }
  a {
    color: var(--haven-accent);
    text-underline-offset: 0.2em;
  }
  .lede,
  .muted {
    color: var(--haven-muted);
  }
  .card {
    background: var(--haven-surface);
    border: 1px solid var(--haven-border);
    border-radius: var(--haven-radius);
    padding: 1.25rem 1.5rem;
    margin: 1rem 0;
  }
  @media (max-width: 30rem) {
    .card {
      padding: 1rem;
    }
  }
  .list {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  button,
  .button {
    font: inherit;
    font-size: 0.95rem;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    min-height: 2.5rem;
    padding: 0.45rem 1.1rem;
    border-radius: 999px;
    border: 1px solid var(--haven-accent);
    background: var(--haven-accent);
    color: var(--haven-accent-text);
    cursor: pointer;
    text-decoration: none;
    transition: background-color 150ms ease, color 150ms ease;
  }
  button.quiet,
  .button.quiet {
    background: transparent;
    color: var(--haven-accent);
    border-color: var(--haven-border);
  }
  button.quiet:hover,
  .button.quiet:hover {
    background: var(--haven-accent-soft);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--haven-focus);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 550;
    margin: 1rem 0 0.3rem;
  }
  .hint {
    display: block;
    font-weight: normal;
    font-size: 0.92rem;
    color: var(--haven-muted);
    margin: 0 0 0.35rem;
  }
  input[type='text'],
  input[type='password'],
  input[type='number'],
  input[type='search'],
  input:not([type]),
  select,
  textarea {
    font: inherit;
    width: 100%;
    padding: 0.6rem 0.75rem;
    border-radius: 0.5rem;
    border: 1px solid var(--haven-muted);
    background: var(--haven-surface);
    color: var(--haven-text);
  }
  textarea {
    min-height: 9rem;
    resize: vertical;
  }
  .check {
    display: flex;
    gap: 0.6rem;
    align-items: flex-start;
    font-weight: normal;
  }
  .check input {
    margin-top: 0.35rem;
    width: 1.1rem;
    height: 1.1rem;
    flex: none;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1.25rem;
    align-items: center;
  }
  .notice {
    background: var(--haven-note);
    color: var(--haven-note-text);
    border-radius: var(--haven-radius);
    padding: 0.85rem 1.1rem;
    margin: 1rem 0;
  }
  .notice p:last-child {
    margin: 0;
  }
  .calm {
    background: var(--haven-accent-soft);
    color: var(--haven-text);
    border-radius: var(--haven-radius);
    padding: 0.85rem 1.1rem;
    margin: 1rem 0;
  }
  /* A one-line search form (home and board pages): the field grows, the button keeps its size. */
  .search-inline {
    margin: 1.25rem 0;
  }
  .search-inline div {
    display: flex;
    gap: 0.5rem;
  }
  .search-inline input {
    flex: 1 1 auto;
    min-width: 0;
  }
  .search-inline button {
    flex: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  time {
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition: none !important;
      animation: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
