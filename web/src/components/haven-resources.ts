import { LitElement, html } from 'lit';
import { Task } from '@lit/task';
import { api } from '../api';
import { taskView } from '../format';
import { shared } from '../styles';
import type { Resource } from '../types';
import './haven-resource-list';

/** Crisis resources, one click from every page. */
export class HavenResources extends LitElement {
  static override styles = [shared];

  #resources = new Task(this, {
    task: async (_args, { signal }) => (await api.get<{ items: Resource[] }>('/api/resources', signal)).items,
    args: () => [],
  });

  override render() {
    return html`
      <h1 tabindex="-1">Help, right now</h1>
      <p class="lede">
        If you are in danger or might act on thoughts of harming yourself, please reach one of these people now. They are
        there for exactly this, any time of day, and talking to them is free and confidential.
      </p>
      ${taskView(this.#resources, (items) => html`<haven-resource-list .resources=${items}></haven-resource-list>`, 'the resources')}
      <p class="muted">Haven is peer support from people who have been there too. It is not a crisis service.</p>
    `;
  }
}

customElements.define('haven-resources', HavenResources);

declare global {
  interface HTMLElementTagNameMap {
    'haven-resources': HavenResources;
  }
}
