/**
 * The cleaning plan a panel builds, shared by the missing-values and outliers
 * panels: the step list (with Remove), the code it stands for, and "Insert
 * code below". With a live kernel every step also goes to the kernel-side
 * plan (`view.plan` in the notebook), and "insert code" puts the kernel's
 * `plan.fit(table).code()` into a new cell; without one (a saved notebook,
 * the kernel restarted) the box shows the builder code to copy.
 */
import { builderCode, type StepCall } from 'tsml/missing';
import type { ChannelMessage } from 'tsml/mime';
import { panelHost, type PanelChannel } from '../../channel';

export class PlanBox {
  readonly node = document.createElement('section');
  private readonly list = document.createElement('ol');
  private readonly code = document.createElement('pre');
  private readonly insert = document.createElement('button');
  private readonly status = document.createElement('div');
  private steps: StepCall[] = [];
  private channel: PanelChannel | null = null;
  private readonly codeWaiters: ((m: ChannelMessage) => void)[] = [];

  constructor(private readonly owner: HTMLElement, private readonly name: string) {
    this.node.className = 'tsml-cl-plan';
    const h = document.createElement('h4');
    h.textContent = 'Cleaning plan';
    this.list.className = 'tsml-cl-steps';
    this.code.className = 'tsml-cl-code';
    this.insert.textContent = 'Insert code below';
    this.insert.disabled = true;
    this.insert.title = 'needs the kernel that made this output';
    this.insert.addEventListener('click', () => void this.insertCode());
    this.status.className = 'tsml-cl-status';
    this.status.setAttribute('aria-live', 'polite');
    this.node.append(h, this.list, this.insert, this.status, this.code);
    this.draw();
  }

  /** Connects to the kernel-side session behind the output, when there is one. */
  async connect(channelId: string | undefined, onMessage?: (m: ChannelMessage) => void): Promise<PanelChannel | null> {
    if (!channelId) return null;
    const ch = await panelHost().connect(this.owner, channelId);
    if (!ch) return null;
    this.channel = ch;
    ch.onMessage((m) => {
      if (m.type === 'channel-ready') {
        this.insert.disabled = false;
        this.insert.title = '';
      } else if (m.type === 'channel-gone') {
        this.insert.disabled = true;
        this.insert.title = String(m.reason ?? 'the kernel is gone');
        this.status.textContent = 'The kernel that made this output is gone: copy the code below instead.';
      } else if (m.type === 'code' || m.type === 'code-error') this.codeWaiters.shift()?.(m);
      onMessage?.(m);
    });
    return ch;
  }

  add(step: StepCall): void {
    this.steps.push(step);
    this.channel?.send({ type: 'add-step', call: step.call, args: step.args });
    this.draw();
    this.status.textContent = `Added: ${describe(step)}`;
  }

  private remove(i: number): void {
    this.steps.splice(i, 1);
    this.channel?.send({ type: 'remove-step', index: i });
    this.draw();
  }

  get count(): number {
    return this.steps.length;
  }

  private draw(): void {
    this.list.replaceChildren(
      ...this.steps.map((s, i) => {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.textContent = 'Remove';
        b.setAttribute('aria-label', `remove step ${i + 1}`);
        b.addEventListener('click', () => this.remove(i));
        li.append(describe(s), ' ', b);
        return li;
      }),
    );
    this.code.textContent = this.steps.length ? builderCode(this.steps, this.name) : 'Add steps with the actions above; the code that does them appears here.';
  }

  private async insertCode(): Promise<void> {
    if (!this.channel) return;
    this.status.textContent = 'Fitting the plan in the kernel…';
    const reply = new Promise<ChannelMessage>((r) => this.codeWaiters.push(r));
    this.channel.send({ type: 'insert-code' });
    const m = await reply;
    if (m.type === 'code-error') {
      this.status.textContent = `The plan does not fit: ${String(m.message)}`;
      return;
    }
    const ok = await panelHost().insertCellBelow(this.owner, String(m.source));
    this.status.textContent = ok ? 'Inserted the fitted plan’s code in a new cell below.' : 'Could not find this output’s cell: copy the code instead.';
  }
}

function describe(s: StepCall): string {
  const arg = s.args.length ? JSON.stringify(s.args[0]) : '';
  return `${s.call}(${arg.length > 80 ? arg.slice(0, 77) + '…' : arg})`;
}
