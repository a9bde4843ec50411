import { describe, expect, it } from 'vitest';
import { isCnsError } from '../shared/errors.js';
import { ANY_CRITERIA, describeCriteria, overlayLooseCriteria, parseCriteria } from './criteria.js';

describe('parseCriteria', () => {
  it('fills absent dimensions with any', () => {
    expect(parseCriteria({ service: 'eks' })).toEqual({ ...ANY_CRITERIA, service: 'eks' });
  });

  it('accepts values in any case', () => {
    expect(parseCriteria({ accelerator: 'H100', os: ' Ubuntu ' })).toMatchObject({
      accelerator: 'h100',
      os: 'ubuntu',
    });
  });

  it.each([
    ['service', { service: 'ekss' }],
    ['accelerator', { accelerator: 'h300' }],
    ['intent', { intent: 'serving' }],
    ['nodes', { nodes: '-1' }],
    ['nodes', { nodes: 'many' }],
  ])('refuses an unknown %s, listing what is accepted', (dimension, input) => {
    try {
      parseCriteria(input);
      expect.unreachable();
    } catch (error) {
      expect(isCnsError(error) && error.code).toBe('UNKNOWN_CRITERIA');
      expect(isCnsError(error) && error.details.dimension).toBe(dimension);
    }
  });
});

describe('overlayLooseCriteria', () => {
  it('lets later layers win where they give a value', () => {
    expect(
      overlayLooseCriteria(
        { service: 'eks', os: 'ubuntu' },
        { os: undefined, intent: 'training' },
        { os: 'rhel' },
      ),
    ).toEqual({
      service: 'eks',
      os: 'rhel',
      intent: 'training',
    });
  });
});

describe('describeCriteria', () => {
  it('lists only the set dimensions', () => {
    expect(describeCriteria(parseCriteria({ service: 'eks', intent: 'training', nodes: 4 }))).toBe(
      'service=eks, intent=training, nodes=4',
    );
    expect(describeCriteria(ANY_CRITERIA)).toBe('any');
  });
});
