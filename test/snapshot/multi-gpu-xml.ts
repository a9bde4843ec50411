/**
 * @module Builds an 8-GPU `nvidia-smi -q -x` document from the real single-H100 capture, the way a DGX
 * H100 prints it: GPUs in PCI bus order with minor numbers that do not follow it, GPU 3 in MIG mode with
 * seven 1g.10gb instances, GPU 5 with ECC errors and a pending row remap. Everything else is the capture.
 */

/** PCI bus numbers of the eight GPUs of a DGX H100, in bus order. */
export const DGX_BUSES = ['18', '2A', '3A', '5D', '9A', 'AB', 'BA', 'DB'] as const;
/** The /dev/nvidiaN minor number of each GPU above (probe order, not bus order). */
export const DGX_MINORS = [2, 3, 0, 1, 6, 7, 4, 5] as const;
export const MIG_GPU = 3;
export const ECC_GPU = 5;

/** Returns the capture with its one `<gpu>` replaced by eight, in `order` (default: bus order). */
export function buildMultiGpuXml(
  captureXml: string,
  order: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7],
): string {
  const match = /\t<gpu id="[^"]*">[\s\S]*?\n\t<\/gpu>\n/.exec(captureXml);
  if (!match) throw new Error('capture has no <gpu> element');
  const template = match[0];
  const gpus = order.map((i) => gpuFor(template, i)).join('');
  return captureXml
    .replace(template, gpus)
    .replace('<attached_gpus>1</attached_gpus>', `<attached_gpus>${order.length}</attached_gpus>`);
}

function gpuFor(template: string, i: number): string {
  const bus = DGX_BUSES[i] ?? '00';
  const busId = `00000000:${bus}:00.0`;
  let gpu = template
    .replace(/<gpu id="[^"]*">/, `<gpu id="${busId}">`)
    .replace(/<pci_bus>00<\/pci_bus>/, `<pci_bus>${bus}</pci_bus>`)
    .replace(/<pci_bus_id>[^<]*<\/pci_bus_id>/, `<pci_bus_id>${busId}</pci_bus_id>`)
    .replace(
      /<minor_number>\d+<\/minor_number>/,
      `<minor_number>${DGX_MINORS[i] ?? 0}</minor_number>`,
    )
    .replace(
      /<uuid>GPU-00000000-0000-0000-0000-00000000000\d<\/uuid>/,
      `<uuid>${uuidFor(i)}</uuid>`,
    )
    .replace(/<serial>0+<\/serial>/, `<serial>165322300000${i}</serial>`)
    .replace(/<module_id>\d+<\/module_id>/, `<module_id>${i + 1}</module_id>`);
  if (i === MIG_GPU) gpu = withMig(gpu);
  if (i === ECC_GPU) gpu = withEccErrors(gpu);
  return gpu;
}

export function uuidFor(i: number): string {
  return `GPU-00000000-0000-0000-0000-00000000000${i}`;
}

function withMig(gpu: string): string {
  const devices = Array.from({ length: 7 }, (_, n) => migDevice(n)).join('');
  return gpu
    .replace(/<current_mig>Disabled<\/current_mig>/, '<current_mig>Enabled</current_mig>')
    .replace(/<pending_mig>Disabled<\/pending_mig>/, '<pending_mig>Enabled</pending_mig>')
    .replace(
      /<mig_devices>\s*None\s*<\/mig_devices>/,
      `<mig_devices>\n${devices}\t\t</mig_devices>`,
    );
}

function migDevice(n: number): string {
  return [
    '\t\t\t<mig_device>',
    `\t\t\t\t<index>${n}</index>`,
    `\t\t\t\t<gpu_instance_id>${n + 7}</gpu_instance_id>`,
    '\t\t\t\t<compute_instance_id>0</compute_instance_id>',
    '\t\t\t\t<device_attributes>',
    '\t\t\t\t\t<shared>',
    '\t\t\t\t\t\t<multiprocessor_count>16</multiprocessor_count>',
    '\t\t\t\t\t\t<copy_engine_count>1</copy_engine_count>',
    '\t\t\t\t\t</shared>',
    '\t\t\t\t</device_attributes>',
    '\t\t\t\t<fb_memory_usage>',
    '\t\t\t\t\t<total>9984 MiB</total>',
    '\t\t\t\t\t<reserved>0 MiB</reserved>',
    '\t\t\t\t\t<used>12 MiB</used>',
    '\t\t\t\t\t<free>9971 MiB</free>',
    '\t\t\t\t</fb_memory_usage>',
    '\t\t\t</mig_device>',
    '',
  ].join('\n');
}

function withEccErrors(gpu: string): string {
  const set = (section: string, tag: string, value: number) => (xml: string) =>
    xml.replace(new RegExp(`(<${section}>[\\s\\S]*?<${tag}>)0(</${tag}>)`), `$1${value}$2`);
  return [
    set('volatile', 'sram_correctable', 5),
    set('volatile', 'dram_uncorrectable', 2),
    set('aggregate', 'sram_correctable', 41),
    set('aggregate', 'dram_correctable', 3),
    set('aggregate', 'dram_uncorrectable', 2),
    (xml: string) =>
      xml
        .replace('<remapped_row_unc>0</remapped_row_unc>', '<remapped_row_unc>1</remapped_row_unc>')
        .replace(
          '<remapped_row_pending>No</remapped_row_pending>',
          '<remapped_row_pending>Yes</remapped_row_pending>',
        ),
  ].reduce((xml, edit) => edit(xml), gpu);
}
