/**
 * @module The shape of a renderer registry. Each result type has one, in
 * cli/format/<result>-renderers.ts: an object whose keys are the formats its commands offer (the first
 * is the default) and whose values render the result as text in that format. A command's `--format`
 * choices are the registry's keys (shared-flags.ts), so a format cannot be offered without a renderer
 * or the reverse, and adding a format is one function in one file. Registries import only types and
 * each renderer loads its work with import(), so declaring the choices costs start-up nothing
 * (eslint/layer-boundaries.js enforces it).
 */

/** What every renderer may use besides the result. */
export interface RenderOptions {
  /** A table on a terminal may be coloured (never YAML, JSON or XML). */
  readonly color: boolean;
}

/** Renders one result in one format; `O` is what the result's renderers also need (e.g. --fail-on). */
export type Render<R, O extends object = object> = (
  result: R,
  options: RenderOptions & O,
) => Promise<string>;

export type Renderers<R, O extends object = object> = Readonly<Record<string, Render<R, O>>>;

/** The formats a registry offers, as a union of its keys. */
export type FormatOf<T> = keyof T & string;
