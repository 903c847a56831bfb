import { z } from 'zod';

/*
 * Durations are written `30s`, `15m`, `12h` or `30d` (or `0`). Cognito and
 * oauth2-proxy each want another form, so everything converts through
 * seconds.
 */

/** The accepted duration syntax. @public */
export const DURATION_PATTERN = '^(0|[1-9][0-9]{0,6}[smhd])$';

// Built once: parseDuration runs inside validation loops.
const DURATION_REGEX = new RegExp(DURATION_PATTERN);

/**
 * Zod schema of one duration, shared by the tenant file and the platform
 * settings so both accept and explain the same syntax.
 *
 * @public
 */
export const durationSchema = z.string().regex(DURATION_REGEX, {
  message: 'must be a duration such as 30m, 12h or 30d',
});

const UNIT_SECONDS: Record<string, number> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
};

/**
 * Seconds of a duration such as `12h`, or `undefined` when the text is not
 * a duration.
 *
 * @public
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_REGEX.test(text)) {
    return undefined;
  }
  if (text === '0') {
    return 0;
  }
  const unit = text.slice(-1);
  return Number(text.slice(0, -1)) * UNIT_SECONDS[unit];
}

/**
 * The Go form (`time.ParseDuration`) of a number of seconds, which oauth2-proxy
 * reads; Go has no day unit, so days become hours.
 *
 * @public
 */
export function toGoDuration(seconds: number): string {
  if (seconds === 0) {
    return '0s';
  }
  if (seconds % 3600 === 0) {
    return `${seconds / 3600}h`;
  }
  if (seconds % 60 === 0) {
    return `${seconds / 60}m`;
  }
  return `${seconds}s`;
}
