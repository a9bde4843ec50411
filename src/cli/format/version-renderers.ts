/** @module The formats of `cnsctl version`: one line for people, a document for scripts. */
import type { Renderers } from './renderers.js';

export interface VersionInfo {
  readonly version: string;
  readonly node: string;
  /** `os/arch`, e.g. `linux/x64`. */
  readonly platform: string;
}

export const versionRenderers = {
  text: (info) => Promise.resolve(`cnsctl ${info.version} (node ${info.node}, ${info.platform})\n`),
  json: async (info) => (await import('../../core/shared/serialize.js')).toJson(info),
  yaml: async (info) => (await import('../../core/shared/serialize.js')).toYaml(info),
} satisfies Renderers<VersionInfo>;
