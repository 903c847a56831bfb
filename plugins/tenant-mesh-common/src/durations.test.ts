import { parseDuration, toGoDuration } from './durations';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['30s', 30],
    ['15m', 900],
    ['12h', 43200],
    ['30d', 2592000],
    ['', undefined],
    ['1w', undefined],
    ['01h', undefined],
    ['1.5h', undefined],
    ['-1h', undefined],
    ['1h30m', undefined],
  ])('parses %j as %j seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});

describe('toGoDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [1800, '30m'],
    [86400, '24h'],
  ])('writes %j seconds as %j', (seconds, text) => {
    expect(toGoDuration(seconds)).toBe(text);
  });
});
