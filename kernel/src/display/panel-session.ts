/**
 * The kernel side of a cleaning panel (missing values, outliers): the table it
 * shows, the cleaning plan its actions build, and its channel. Messages:
 *   panel → kernel  { type: 'add-step', call, args }   a plan builder call ('impute', …)
 *                   { type: 'remove-step', index }
 *                   { type: 'insert-code' }           asks for plan.fit(table).code()
 *   kernel → panel  { type: 'plan', steps }            after every change, and on connect
 *                   { type: 'code', source }           or { type: 'code-error', message }
 * Panels add their own message types with `on`.
 */
import type { ColumnTable } from 'arquero';
import { openChannel, type Channel } from '../channel/index.js';
import { Plan } from '../clean/plan.js';
import { NO_OUTPUT } from './format.js';

export interface PanelOptions {
  /** The table's variable name, for the code the panel writes (default 'table'). */
  name?: string;
}

const BUILDERS = new Set(['dropColumns', 'treatAsMissing', 'dropDuplicates', 'dropMissing', 'impute', 'capOutliers', 'dropOutliers', 'oneHot', 'scale']);

export class PanelSession {
  readonly channel: Channel;
  plan: Plan = Plan.empty();

  constructor(readonly table: ColumnTable, readonly name: string) {
    this.channel = openChannel();
    const state = () => ({ type: 'plan', steps: this.plan.steps });
    this.channel.onConnect((view) => view.send(state()));
    this.channel.on('add-step', (msg) => {
      const call = String(msg.call);
      if (!BUILDERS.has(call)) throw new Error(`unknown plan step '${call}'; steps are ${[...BUILDERS].join(', ')}`);
      const args = Array.isArray(msg.args) ? msg.args : [];
      this.plan = (this.plan as unknown as Record<string, (...a: unknown[]) => Plan>)[call](...args);
      this.channel.send(state());
    });
    this.channel.on('remove-step', (msg) => {
      this.plan = this.plan.remove(Number(msg.index));
      this.channel.send(state());
    });
    this.channel.on('insert-code', (_msg, _buffers, view) => {
      try {
        view.send({ type: 'code', source: this.plan.fit(this.table).code({ input: this.name }) });
      } catch (e) {
        view.send({ type: 'code-error', message: (e as Error).message });
      }
    });
  }
}

/** What display.missing returns: the plan built from the panel so far (`view.plan`), live. */
export class MissingView {
  readonly [NO_OUTPUT] = true;
  constructor(private readonly session: PanelSession) {}

  /** The cleaning plan the panel's actions have built (not fitted: `view.plan.fit(train)`). */
  get plan(): Plan {
    return this.session.plan;
  }

  toString(): string {
    return `MissingView(${this.session.name}: ${this.session.plan.steps.length} plan steps)`;
  }
}
