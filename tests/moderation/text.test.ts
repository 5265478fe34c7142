import { describe, it, expect } from 'vitest';
import { comparableBody, countLinks, normalizeText } from '../../moderation/text';

describe('text folding', () => {
  it.each([
    ['K I L L', 'kill'],
    ['k.m.s', 'kms'],
    ['k1ll mys3lf', 'kill myself'],
    ['diiieee', 'die'],
    ['ＫＩＬＬ', 'kill'],
    ['ki\u200bll', 'kill'],
    ['I’m', "i'm"],
    ['Café', 'cafe'],
  ])('folds %j to %j', (input, folded) => {
    expect(normalizeText(input)).toBe(folded);
  });

  it('leaves numbers and punctuation that are not disguising a word', () => {
    expect(normalizeText('I took 5 pills. Help!')).toBe('i took 5 pills. help!');
    expect(normalizeText('too good, all well')).toBe('too good, all well');
  });

  it('compares bodies ignoring case, spacing and punctuation', () => {
    expect(comparableBody('Buy   NOW!!')).toBe(comparableBody('buy now'));
  });
});

describe('link counting', () => {
  it.each([
    ['no links here, e.g. none; I use node.js', 0],
    ['https://example.org and http://x.test/path?q=1', 2],
    ['www.example.com/page', 1],
    ['visit cheap-pills.shop or meds.example.com/buy', 2],
    ['[a guide](https://example.org/guide)', 1],
    ['mail me at someone@example.com', 0],
  ])('counts %j as %i', (text, n) => {
    expect(countLinks(text)).toBe(n);
  });
});
