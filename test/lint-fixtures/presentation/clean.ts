// expect-lint: clean
// What presentation/ may do: render a core result as text.
import { toJson } from '../core/shared/serialize.js';

export const renderProbe = (value: unknown) => toJson(value);
