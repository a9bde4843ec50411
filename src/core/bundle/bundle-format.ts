/**
 * @module The forms a bundle is written in, chosen by the output's name: `*.zip` a zip archive,
 * `*.tar.gz` or `*.tgz` a gzip-compressed tar, anything else a directory. Shared by the writers, the
 * reader of `bundle verify` and whoever names an output (the CLI, later cnsd).
 */

export type BundleFormat = 'directory' | 'zip' | 'tar.gz';
export type BundleArchiveFormat = Exclude<BundleFormat, 'directory'>;

export function bundleFormatOf(name: string): BundleFormat {
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.(tar\.gz|tgz)$/i.test(name)) return 'tar.gz';
  return 'directory';
}
