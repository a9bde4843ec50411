import { describe, expect, it } from 'vitest';
import type { BundleOptions } from '../../core/bundle/bundle-options.js';
import { isCnsError } from '../../core/shared/errors.js';
import { toBundleRequest } from './bundle-options.js';
import { toDiffOptions } from './diff-options.js';
import { toQueryOptions } from './query-options.js';
import { toRecipeOptions } from './recipe-options.js';
import { toValidateOptions } from './validate-options.js';

const usageErrorOf = (make: () => unknown): unknown => {
  try {
    make();
    return undefined;
  } catch (error) {
    return isCnsError(error) ? error.code : error;
  }
};

describe('to<Command>Options', () => {
  it('turns the criteria flags of recipe into named inputs and locations', () => {
    expect(
      toRecipeOptions({
        service: 'eks',
        intent: 'training',
        nodes: '8',
        criteria: 'criteria.yaml',
        snapshot: '-',
        data: './my-data',
        output: 'recipe.yaml',
        format: 'json',
      }),
    ).toEqual({
      request: {
        criteria: {
          service: 'eks',
          accelerator: undefined,
          os: undefined,
          intent: 'training',
          platform: undefined,
          nodes: '8',
        },
        criteriaLocation: 'criteria.yaml',
        snapshotLocation: '-',
        dataDir: './my-data',
      },
      output: 'recipe.yaml',
      format: 'json',
    });
  });

  it('keeps the selector of query as given (empty selects the whole recipe)', () => {
    expect(toQueryOptions({ selector: '', format: 'yaml' })).toMatchObject({
      selector: '',
      format: 'yaml',
    });
  });

  it('names the documents of validate and its --fail-on', () => {
    expect(
      toValidateOptions({ recipe: 'r.yaml', snapshot: '-', failOn: 'warning', format: 'junit' }),
    ).toEqual({
      request: { recipeLocation: 'r.yaml', snapshotLocation: '-' },
      failOn: 'warning',
      output: undefined,
      format: 'junit',
    });
  });

  it('turns diff arguments and filters into a request, with no ignores meaning none', () => {
    expect(toDiffOptions(['a.yaml', 'fleet/'], { defaultIgnores: false, format: 'table' })).toEqual(
      {
        request: {
          snapshotLocations: ['a.yaml', 'fleet/'],
          recipeLocation: undefined,
          filter: { ignore: [], only: [], defaultIgnores: false },
        },
        output: undefined,
        format: 'table',
      },
    );
  });

  it('names the recipe, data, output and --force of bundle beside the converted bundle options', () => {
    const options = { deployer: 'helm' } as BundleOptions;
    expect(
      toBundleRequest({ recipe: '-', output: 'b.zip', force: true, data: './my-data' }, options),
    ).toEqual({
      recipeLocation: '-',
      dataDir: './my-data',
      options,
      output: 'b.zip',
      force: true,
    });
  });

  it.each([
    [
      'bundle without --recipe',
      () => toBundleRequest({ output: 'bundles' }, { deployer: 'script' } as BundleOptions),
    ],
    [
      'recipe reading both the snapshot and the criteria from stdin',
      () => toRecipeOptions({ snapshot: '-', criteria: '-', format: 'yaml' }),
    ],
    [
      'query reading both the snapshot and the criteria from stdin',
      () => toQueryOptions({ snapshot: '-', criteria: '-', selector: 'x', format: 'yaml' }),
    ],
    [
      'validate reading both documents from stdin',
      () => toValidateOptions({ recipe: '-', snapshot: '-', failOn: 'error', format: 'yaml' }),
    ],
    [
      'diff reading two snapshots from stdin',
      () => toDiffOptions(['-', '-'], { defaultIgnores: true, format: 'yaml' }),
    ],
    [
      'diff reading the recipe and a snapshot from stdin',
      () => toDiffOptions(['-'], { recipe: '-', defaultIgnores: true, format: 'yaml' }),
    ],
  ])('refuses %s as USAGE', (_name, make) => {
    expect(usageErrorOf(make)).toBe('USAGE');
  });
});
