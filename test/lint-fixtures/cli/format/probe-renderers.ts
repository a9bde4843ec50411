// expect-lint: @typescript-eslint/no-restricted-imports "A renderer registry imports only types"
import { toYaml } from '../../core/shared/serialize.js';

export const probeRenderers = { yaml: (value: unknown) => Promise.resolve(toYaml(value)) };
