/**
 * @module The grammars of the bundle flags, each a USAGE error that names the flag and the fix:
 * node selectors `key=value`; tolerations `key=value:Effect`, `key:Effect`, `key=value` (any effect)
 * and `key` (Exists); and `--set component:path=value` with Helm's typing (integers, booleans and
 * null are typed; `'"5"'` and everything else stay strings). Keys follow Kubernetes label syntax.
 */
import { CnsError } from '../shared/errors.js';
import {
  TOLERATION_EFFECTS,
  type Toleration,
  type TolerationEffect,
  type ValueSetting,
} from './bundle-options.js';

// A label key: an optional DNS-subdomain prefix and a name of up to 63 characters.
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const MAX_PREFIX = 253;

/** `nodeGroup=system-pool` → `['nodeGroup', 'system-pool']`. */
export function parseNodeSelector(flag: string, text: string): [string, string] {
  const match = /^([^=]+)=(.*)$/.exec(text);
  if (!match) throw usage(flag, text, 'expected key=value, e.g. nodeGroup=gpu-pool');
  const [, key = '', value = ''] = match;
  checkKey(flag, text, key);
  checkValue(flag, text, value);
  return [key, value];
}

/** `dedicated=user-workload:NoSchedule` → `{key, operator: Equal, value, effect}`. */
export function parseToleration(flag: string, text: string): Toleration {
  const match = /^([^=:]+)(?:=([^:]*))?(?::(.*))?$/.exec(text);
  if (!match) {
    throw usage(flag, text, 'expected key=value:Effect, key:Effect, key=value or key');
  }
  const [, key = '', value, effect] = match;
  checkKey(flag, text, key);
  if (value !== undefined) checkValue(flag, text, value);
  if (effect !== undefined && !(TOLERATION_EFFECTS as readonly string[]).includes(effect)) {
    throw usage(flag, text, `the effect must be one of ${TOLERATION_EFFECTS.join(', ')}`);
  }
  return {
    key,
    operator: value === undefined ? 'Exists' : 'Equal',
    ...(value === undefined ? {} : { value }),
    ...(effect === undefined ? {} : { effect: effect as TolerationEffect }),
  };
}

/**
 * `gpu-operator:driver.version=580.82.07` → a setting. A key containing a dot is written with `\.`
 * (`nodeSelector.kubernetes\.io/os=linux`). The value is typed as Helm's --set types it.
 */
export function parseValueSetting(flag: string, text: string): ValueSetting {
  const match = /^([a-z0-9][a-z0-9-]*):((?:[^=\\]|\\.)+)=(.*)$/s.exec(text);
  if (!match) {
    throw usage(
      flag,
      text,
      'expected component:path=value, e.g. gpu-operator:driver.version=580.82.07',
    );
  }
  const [, component = '', rawPath = '', rawValue = ''] = match;
  const path = splitPath(rawPath);
  if (path.some((key) => key === '')) {
    throw usage(flag, text, 'the values path has an empty key (two dots, or a dot at an end)');
  }
  return { component, path, value: typedValue(rawValue), flag: `${flag} ${text}` };
}

/** Helm's strvals typing: true/false/null and integers without a leading zero; a quoted value stays text. */
export function typedValue(raw: string): unknown {
  const quoted = /^"(.*)"$/s.exec(raw) ?? /^'(.*)'$/s.exec(raw);
  if (quoted) return quoted[1];
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  // Floats stay strings, as in Helm: versions such as 1.30 must not become 1.3.
  if (/^(0|-?[1-9][0-9]*)$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  return raw;
}

function splitPath(rawPath: string): string[] {
  const keys: string[] = [];
  let current = '';
  for (let index = 0; index < rawPath.length; index++) {
    const char = rawPath[index] as string;
    if (char === '\\' && index + 1 < rawPath.length) {
      current += rawPath[++index];
    } else if (char === '.') {
      keys.push(current);
      current = '';
    } else current += char;
  }
  keys.push(current);
  return keys;
}

function checkKey(flag: string, text: string, key: string): void {
  const prefix = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  if (!LABEL_KEY.test(key) || prefix.length > MAX_PREFIX) {
    throw usage(
      flag,
      text,
      `"${key}" is not a valid label key (letters, digits, - _ . and an optional dns-prefix/)`,
    );
  }
}

function checkValue(flag: string, text: string, value: string): void {
  if (!LABEL_VALUE.test(value)) {
    throw usage(
      flag,
      text,
      `"${value}" is not a valid label value (up to 63 letters, digits, - _ .)`,
    );
  }
}

function usage(flag: string, text: string, fix: string): CnsError {
  return new CnsError('USAGE', `${flag} "${text}": ${fix}`, { details: { flag, value: text } });
}
