import { z } from 'zod';
import { ValidationProblem } from './types';

/*
 * Turns zod's issues into problems a person can act on: each names its own
 * field (an unknown key is the field, not its parent object) and a misspelt
 * key gets the nearest known key as a suggestion.
 */

/** The object schema at `path`, looking through optional, default, etc. */
function objectAt(
  schema: z.ZodTypeAny,
  path: Array<string | number>,
): z.AnyZodObject | undefined {
  let current: z.ZodTypeAny | undefined = schema;
  for (const segment of [...path, undefined]) {
    while (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodEffects
    ) {
      current =
        current instanceof z.ZodEffects
          ? current.innerType()
          : current._def.innerType;
    }
    if (segment === undefined) {
      break;
    }
    if (current instanceof z.ZodObject) {
      current = (current.shape as z.ZodRawShape)[segment];
    } else if (current instanceof z.ZodArray) {
      current = current.element;
    } else if (current instanceof z.ZodRecord) {
      current = current.valueSchema;
    } else {
      return undefined;
    }
  }
  return current instanceof z.ZodObject ? current : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/** The known key nearest to a misspelt one, if any is plausibly meant. */
export function closestKey(key: string, known: string[]): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 3));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

/** Every issue of a failed parse as problems; the root is field `''`. */
export function zodProblems(
  schema: z.ZodTypeAny,
  error: z.ZodError,
): ValidationProblem[] {
  return error.issues.flatMap(issue => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const known = Object.keys(objectAt(schema, issue.path)?.shape ?? {});
      return issue.keys.map(key => {
        const suggestion = closestKey(key, known);
        return {
          field: [...issue.path, key].join('.'),
          rule: 'unknown-field',
          message: suggestion
            ? `is not a known field; did you mean ${suggestion}?`
            : `is not a known field; known fields here: ${known.join(', ')}`,
        };
      });
    }
    return [
      {
        field: issue.path.join('.'),
        rule: issue.code,
        message: issue.message === 'Required' ? 'is required' : issue.message,
      },
    ];
  });
}
