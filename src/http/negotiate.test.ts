import { describe, expect, it } from 'vitest';
import { prefersJson } from './negotiate.js';

describe('prefersJson', () => {
  it.each([
    ['a browser', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', '/', false],
    ['an API client', 'application/json', '/', true],
    ['axios', 'application/json, text/plain, */*', '/', true],
    ['JSON ranked lower by quality', 'application/json;q=0.5, text/html', '/', false],
    ['HTML refused outright', 'text/html;q=0, */*', '/', true],
    ['no Accept header', undefined, '/', false],
    ['only a wildcard', '*/*', '/', false],
    ['only a wildcard under /api/', '*/*', '/api/venues/check', true],
    ['no Accept header under /api/', undefined, '/api', true],
    ['a path that merely starts like /api', undefined, '/apiary', false],
    ['garbage', ';;;,,/,q=abc', '/', false],
  ])('answers %s', (_name, accept, path, expected) => {
    expect(prefersJson(accept, path)).toBe(expected);
  });
});
