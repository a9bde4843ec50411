import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseServerCommand, type ServerConfig } from './config.js';

const serve = (argv: string[], env: Record<string, string> = {}): ServerConfig => {
  const command = parseServerCommand(argv, env);
  if (command.kind !== 'serve') throw new Error(`not serve: ${command.kind}`);
  return command.config;
};

describe('parseServerCommand', () => {
  it('uses the defaults when nothing is set', () => {
    expect(serve([])).toEqual({
      host: DEFAULTS.host,
      port: DEFAULTS.port,
      logLevel: DEFAULTS.logLevel,
      bodyLimitBytes: DEFAULTS.bodyLimitBytes,
      requestTimeoutMs: DEFAULTS.requestTimeoutMs,
      rateLimit: { max: DEFAULTS.rateLimitMax, windowMs: DEFAULTS.rateLimitWindowMs },
      recipeCacheSize: DEFAULTS.recipeCacheSize,
      bundleConcurrency: DEFAULTS.bundleConcurrency,
      shutdownGraceMs: DEFAULTS.shutdownGraceMs,
      trustProxy: false,
      allowlist: {},
    });
  });

  it.each([
    ['a flag wins over its variable', ['--port', '9000'], { CNSD_PORT: '7000' }, { port: 9000 }],
    [
      'a variable wins over the default',
      [],
      { CNSD_PORT: '7000', CNSD_HOST: '0.0.0.0' },
      { port: 7000, host: '0.0.0.0' },
    ],
    ['an empty variable is unset', [], { CNSD_LOG_LEVEL: '' }, { logLevel: 'info' }],
    [
      'a rate limit of 0 switches limiting off',
      [],
      { CNSD_RATE_LIMIT_MAX: '0' },
      { rateLimit: false },
    ],
    ['proxies are trusted only when asked', [], { CNSD_TRUST_PROXY: 'true' }, { trustProxy: true }],
    [
      'allowlists are read per dimension, in any case, without repeats',
      [],
      { CNSD_ALLOWED_SERVICE: 'EKS, gke,eks', CNSD_ALLOWED_OS: 'ubuntu' },
      { allowlist: { service: ['eks', 'gke'], os: ['ubuntu'] } },
    ],
  ])('%s', (_name, argv, env, expected) => {
    expect(serve(argv, env)).toMatchObject(expected);
  });

  it.each([
    ['an unknown flag', ['--verbose'], {}, /--verbose/],
    [
      'a port out of range',
      ['--port', '70000'],
      {},
      /^--port "70000": expected a whole number from 0 to 65535$/,
    ],
    [
      'a log level it does not know',
      [],
      { CNSD_LOG_LEVEL: 'loud' },
      /^CNSD_LOG_LEVEL "loud": expected one of fatal/,
    ],
    [
      'a limit that is not a number',
      [],
      { CNSD_BODY_LIMIT_BYTES: '1e6' },
      /^CNSD_BODY_LIMIT_BYTES "1e6"/,
    ],
    [
      'no bundle at all at once',
      [],
      { CNSD_BUNDLE_CONCURRENCY: '0' },
      /^CNSD_BUNDLE_CONCURRENCY "0"/,
    ],
    [
      'a criteria value that does not exist',
      [],
      { CNSD_ALLOWED_ACCELERATOR: 'h100,h300' },
      /^CNSD_ALLOWED_ACCELERATOR: unknown accelerator "h300"; accepted values are h100, /,
    ],
  ])('refuses %s as USAGE, naming the setting', (_name, argv, env, message) => {
    expect(() => parseServerCommand(argv, env)).toThrow(
      expect.objectContaining({ code: 'USAGE', message: expect.stringMatching(message) as string }),
    );
  });

  it('asks for help and the version before reading any setting', () => {
    expect(parseServerCommand(['--help'], { CNSD_PORT: 'nope' })).toEqual({ kind: 'help' });
    expect(parseServerCommand(['-v'], {})).toEqual({ kind: 'version' });
  });
});
