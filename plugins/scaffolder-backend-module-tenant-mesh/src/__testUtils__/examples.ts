import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';

/** The input type of an action. */
export type InputOf<A> = A extends { handler: (ctx: infer C) => unknown }
  ? C extends { input: infer I }
    ? I
    : never
  : never;

/** The input of the first step of an example, with `${{ … }}` expressions replaced. */
export function exampleInput<TInput>(
  example: TemplateExample,
  values: Record<string, string> = {},
): TInput {
  const { steps } = parse(example.example) as {
    steps: Array<{ input: Record<string, unknown> }>;
  };
  // The examples test validates the result against the action's schema.
  return Object.fromEntries(
    Object.entries(steps[0].input).map(([key, value]) => [
      key,
      typeof value === 'string' && value.startsWith('${{')
        ? values[key] ?? value
        : value,
    ]),
  ) as TInput;
}
