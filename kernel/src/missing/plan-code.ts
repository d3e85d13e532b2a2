/**
 * The code a panel's step list stands for, written without a kernel: the
 * plan's builder calls, then fitting and applying it to the shown table. (With
 * a kernel, "insert code" asks the kernel for the fitted plan's code instead.)
 */
import { literal } from '../clean/literal.js';

/** One plan builder call, as panels send it: `{ call: 'impute', args: [{ chol: 'median' }, { indicator: true }] }`. */
export interface StepCall {
  call: string;
  args: unknown[];
}

export function builderCode(steps: StepCall[], name: string): string {
  const calls = steps.map((s) => `  .${s.call}(${s.args.map(literal).join(', ')})`);
  return [`const plan = tsml.clean.plan()${calls.length ? '\n' + calls.join('\n') : ''}`, `  .fit(${name});`, `const ${name}Clean = plan.apply(${name});`, `plan`].join('\n');
}
