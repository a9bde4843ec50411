/**
 * @module The host's name, for `metadata.source-node` and to find this node in the cluster. Under a
 * host root the kernel's hostname is the container's (it belongs to the reader's UTS namespace), so the
 * host's /etc/hostname comes first there.
 */
import type { HostFiles } from '../ports.js';

const KERNEL_HOSTNAME = '/proc/sys/kernel/hostname';
const ETC_HOSTNAME = '/etc/hostname';

/** Returns the host's name, or undefined when neither source has one. */
export async function readHostname(files: HostFiles): Promise<string | undefined> {
  const sources =
    files.root === '/' ? [KERNEL_HOSTNAME, ETC_HOSTNAME] : [ETC_HOSTNAME, KERNEL_HOSTNAME];
  for (const path of sources) {
    const text = await files.readText(path, { maxBytes: 4096 }).catch(() => '');
    const name = text.split('\n', 1)[0]?.trim();
    if (name) return name;
  }
  return undefined;
}
