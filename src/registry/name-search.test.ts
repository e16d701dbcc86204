import { describe, expect, it } from 'vitest';
import { foldName, nationalPhone, readRegistryQuery } from './name-search.js';

describe('reading what staff type in the search box', () => {
  it('folds accents, Ñ and case the way the database folds names', () => {
    expect(foldName('María HERNÁNDEZ Muñoz Güémez')).toBe('maria hernandez munoz guemez');
  });

  it('reads name fragments in any order and case, longest first, each once', () => {
    expect(readRegistryQuery('  Hernandez   maria ')).toEqual({
      by: 'name',
      fragments: ['hernandez', 'maria'],
    });
    expect(readRegistryQuery('Sofía Castro')).toEqual({ by: 'name', fragments: ['castro', 'sofia'] });
    expect(readRegistryQuery('ana ana')).toEqual({ by: 'name', fragments: ['ana'] });
  });

  it('reads a phone in any usual format as its ten national digits', () => {
    for (const typed of [
      '5512345678',
      '55 1234 5678',
      '(55) 1234-5678',
      '55.1234.5678',
      '+52 55 1234 5678',
      '+52 1 55 1234 5678',
    ])
      expect(readRegistryQuery(typed)).toEqual({ by: 'phone', phone: '5512345678' });
    expect(nationalPhone('55 1234')).toBeNull();
  });

  it('reads a CURP or its start, spaces and case aside', () => {
    expect(readRegistryQuery('helg 780412')).toEqual({ by: 'curp', prefix: 'HELG780412' });
  });

  it('finds nothing to look for in punctuation alone', () => {
    expect(readRegistryQuery('¡¿--?!')).toEqual({ by: 'nothing' });
  });
});
