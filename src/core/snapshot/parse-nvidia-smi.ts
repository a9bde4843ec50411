/**
 * @module `nvidia-smi -q -x` XML → typed facts about the driver and every GPU. Parsed with a real XML
 * parser (validated first, so truncated output is an error, not half a GPU). Values nvidia-smi prints
 * for "no value" (`N/A`, `Not Supported`, "Requested functionality has been deprecated") are dropped,
 * never stored as strings. GPUs come out in nvidia-smi's index order, which is PCI bus order.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CnsError } from '../shared/errors.js';

/** The driver-wide facts and one entry per `<gpu>`, ordered by index. */
export interface NvidiaSmiReport {
  readonly driverVersion?: string;
  readonly cudaVersion?: string;
  readonly gpus: readonly GpuFacts[];
}

/** Facts about one GPU; a field is absent when nvidia-smi did not report a value for it. */
export interface GpuFacts {
  /** nvidia-smi's index (`nvidia-smi -i N`): the position in PCI bus order. */
  readonly index: number;
  readonly minorNumber?: number;
  readonly uuid?: string;
  readonly model?: string;
  readonly brand?: string;
  readonly architecture?: string;
  readonly computeCapability?: string;
  readonly vbiosVersion?: string;
  readonly gspFirmwareVersion?: string;
  readonly memoryTotalMib?: number;
  readonly migMode?: string;
  readonly migModePending?: string;
  readonly migDevices?: number;
  readonly eccMode?: string;
  readonly eccModePending?: string;
  readonly eccErrors: EccErrorCounts;
  readonly retiredPagesSingleBit?: number;
  readonly retiredPagesDoubleBit?: number;
  readonly retiredPagesPending?: string;
  readonly remappedRowsCorrectable?: number;
  readonly remappedRowsUncorrectable?: number;
  readonly remappedRowsPending?: string;
  readonly remappedRowsFailure?: string;
  readonly persistenceMode?: string;
  readonly computeMode?: string;
  readonly addressingMode?: string;
  readonly displayMode?: string;
  readonly displayActive?: string;
  readonly virtualizationMode?: string;
  readonly pciBusId?: string;
  readonly pciDeviceId?: string;
  readonly pcieMaxLinkGen?: number;
  readonly pcieMaxLinkWidth?: number;
  readonly powerLimitCurrent?: string;
  readonly powerLimitDefault?: string;
  readonly powerLimitMax?: string;
  readonly fabricState?: string;
  readonly fabricStatus?: string;
}

/** ECC error totals, summed over every memory location nvidia-smi lists. */
export interface EccErrorCounts {
  readonly volatileCorrectable?: number;
  readonly volatileUncorrectable?: number;
  readonly aggregateCorrectable?: number;
  readonly aggregateUncorrectable?: number;
}

/** What nvidia-smi prints where a field has no value on this GPU or driver. */
export const NOT_A_VALUE: readonly string[] = [
  'N/A',
  '[N/A]',
  'Not Supported',
  '[Not Supported]',
  'Unknown Error',
  'Requested functionality has been deprecated',
];

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings: "13.0" must not become 13, nor "00000000:00:06.0" anything else.
  parseTagValue: false,
  isArray: (name, path) =>
    path === 'nvidia_smi_log.gpu' || name === 'mig_device' || name === 'process_info',
  // The clock tables and process lists are large and say nothing about configuration.
  stopNodes: [
    'nvidia_smi_log.gpu.supported_clocks',
    'nvidia_smi_log.gpu.processes',
    'nvidia_smi_log.gpu.accounted_processes',
  ],
});

/**
 * Parses `nvidia-smi -q -x` output. Throws CnsError INPUT_SCHEMA when the text is not well-formed XML
 * or not an `nvidia_smi_log` document.
 */
export function parseNvidiaSmi(xml: string): NvidiaSmiReport {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new CnsError(
      'INPUT_SCHEMA',
      `nvidia-smi -q -x output:${line}:${col}: not valid XML: ${msg}`,
      {
        details: { source: 'nvidia-smi -q -x', line, column: col },
      },
    );
  }
  const doc = parser.parse(xml) as XmlNode;
  const log = doc.nvidia_smi_log;
  if (!isNode(log)) {
    throw new CnsError('INPUT_SCHEMA', 'nvidia-smi -q -x output has no <nvidia_smi_log> element', {
      details: { source: 'nvidia-smi -q -x' },
    });
  }
  const gpuNodes = Array.isArray(log.gpu) ? log.gpu.filter(isNode) : [];
  const ordered = gpuNodes
    .map((node, position) => ({ node, position, bus: busIdOf(node) }))
    .sort((a, b) => compareBusIds(a.bus, b.bus) || a.position - b.position);
  return {
    ...optional('driverVersion', text(log, 'driver_version')),
    ...optional('cudaVersion', text(log, 'cuda_version')),
    gpus: ordered.map(({ node }, index) => gpuFacts(node, index)),
  };
}

function gpuFacts(gpu: XmlNode, index: number): GpuFacts {
  return {
    index,
    ...optional('minorNumber', integer(gpu, 'minor_number')),
    ...optional('uuid', text(gpu, 'uuid')),
    ...optional('model', text(gpu, 'product_name')),
    ...optional('brand', text(gpu, 'product_brand')),
    ...optional('architecture', text(gpu, 'product_architecture')),
    ...optional('computeCapability', text(gpu, 'compute_cap')),
    ...optional('vbiosVersion', text(gpu, 'vbios_version')),
    ...optional('gspFirmwareVersion', text(gpu, 'gsp_firmware_version')),
    ...optional('memoryTotalMib', integer(gpu, 'fb_memory_usage', 'total')),
    ...optional('migMode', text(gpu, 'mig_mode', 'current_mig')),
    ...optional('migModePending', text(gpu, 'mig_mode', 'pending_mig')),
    ...optional('migDevices', migDeviceCount(gpu)),
    ...optional('eccMode', text(gpu, 'ecc_mode', 'current_ecc')),
    ...optional('eccModePending', text(gpu, 'ecc_mode', 'pending_ecc')),
    eccErrors: eccErrorCounts(child(gpu, 'ecc_errors')),
    ...optional(
      'retiredPagesSingleBit',
      integer(gpu, 'retired_pages', 'multiple_single_bit_retirement', 'retired_count'),
    ),
    ...optional(
      'retiredPagesDoubleBit',
      integer(gpu, 'retired_pages', 'double_bit_retirement', 'retired_count'),
    ),
    ...optional('retiredPagesPending', text(gpu, 'retired_pages', 'pending_retirement')),
    ...optional('remappedRowsCorrectable', integer(gpu, 'remapped_rows', 'remapped_row_corr')),
    ...optional('remappedRowsUncorrectable', integer(gpu, 'remapped_rows', 'remapped_row_unc')),
    ...optional('remappedRowsPending', text(gpu, 'remapped_rows', 'remapped_row_pending')),
    ...optional('remappedRowsFailure', text(gpu, 'remapped_rows', 'remapped_row_failure')),
    ...optional('persistenceMode', text(gpu, 'persistence_mode')),
    ...optional('computeMode', text(gpu, 'compute_mode')),
    ...optional('addressingMode', text(gpu, 'addressing_mode')),
    ...optional('displayMode', text(gpu, 'display_mode')),
    ...optional('displayActive', text(gpu, 'display_active')),
    ...optional('virtualizationMode', text(gpu, 'gpu_virtualization_mode', 'virtualization_mode')),
    ...optional('pciBusId', busIdOf(gpu)),
    ...optional('pciDeviceId', text(gpu, 'pci', 'pci_device_id')),
    ...optional(
      'pcieMaxLinkGen',
      integer(gpu, 'pci', 'pci_gpu_link_info', 'pcie_gen', 'max_link_gen'),
    ),
    ...optional(
      'pcieMaxLinkWidth',
      integer(gpu, 'pci', 'pci_gpu_link_info', 'link_widths', 'max_link_width'),
    ),
    ...optional('powerLimitCurrent', text(gpu, 'gpu_power_readings', 'current_power_limit')),
    ...optional('powerLimitDefault', text(gpu, 'gpu_power_readings', 'default_power_limit')),
    ...optional('powerLimitMax', text(gpu, 'gpu_power_readings', 'max_power_limit')),
    ...optional('fabricState', text(gpu, 'fabric', 'state')),
    ...optional('fabricStatus', text(gpu, 'fabric', 'status')),
  };
}

function busIdOf(gpu: XmlNode): string | undefined {
  const fromPci = text(gpu, 'pci', 'pci_bus_id');
  const fromAttribute = gpu['@_id'];
  const id = fromPci ?? (typeof fromAttribute === 'string' ? clean(fromAttribute) : undefined);
  return id?.toUpperCase();
}

/** Bus ids are fixed-width hex (`00000000:18:00.0`), so text order is bus order; missing ones go last. */
function compareBusIds(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : 1;
}

function migDeviceCount(gpu: XmlNode): number | undefined {
  const devices = child(gpu, 'mig_devices');
  if (!devices) return text(gpu, 'mig_mode', 'current_mig') === 'Enabled' ? 0 : undefined;
  return Array.isArray(devices.mig_device) ? devices.mig_device.length : 0;
}

/**
 * Sums correctable and uncorrectable counts. Hopper and later list `sram_correctable`,
 * `dram_uncorrectable`, …; older GPUs group `single_bit` / `double_bit` with a `total` inside.
 */
function eccErrorCounts(ecc: XmlNode | undefined): EccErrorCounts {
  if (!ecc) return {};
  const volatile = sumEcc(child(ecc, 'volatile'));
  const aggregate = sumEcc(child(ecc, 'aggregate'));
  return {
    ...optional('volatileCorrectable', volatile.correctable),
    ...optional('volatileUncorrectable', volatile.uncorrectable),
    ...optional('aggregateCorrectable', aggregate.correctable),
    ...optional('aggregateUncorrectable', aggregate.uncorrectable),
  };
}

interface EccSums {
  correctable?: number;
  uncorrectable?: number;
}

function sumEcc(section: XmlNode | undefined, inherited?: keyof EccSums): EccSums {
  const sums: EccSums = {};
  if (!section) return sums;
  const add = (kind: keyof EccSums, n: number): void => {
    sums[kind] = (sums[kind] ?? 0) + n;
  };
  const total = toInteger(section.total);
  if (inherited && total !== undefined) {
    add(inherited, total);
    return sums;
  }
  for (const [name, value] of Object.entries(section)) {
    const kind = eccKind(name) ?? inherited;
    if (!kind) continue;
    if (isNode(value)) {
      const nested = sumEcc(value, kind);
      for (const k of ['correctable', 'uncorrectable'] as const) {
        const n = nested[k];
        if (n !== undefined) add(k, n);
      }
      continue;
    }
    const n = toInteger(value);
    if (n !== undefined) add(kind, n);
  }
  return sums;
}

function eccKind(name: string): keyof EccSums | undefined {
  if (name.includes('uncorrectable') || name === 'double_bit') return 'uncorrectable';
  if (name.includes('correctable') || name === 'single_bit') return 'correctable';
  return undefined;
}

function child(node: XmlNode, ...path: string[]): XmlNode | undefined {
  let current: unknown = node;
  for (const key of path) {
    if (!isNode(current)) return undefined;
    current = current[key];
  }
  return isNode(current) ? current : undefined;
}

function text(node: XmlNode, ...path: string[]): string | undefined {
  const leaf = path.at(-1);
  const parent = path.length > 1 ? child(node, ...path.slice(0, -1)) : node;
  if (!parent || leaf === undefined) return undefined;
  const value = parent[leaf];
  return typeof value === 'string' ? clean(value) : undefined;
}

function integer(node: XmlNode, ...path: string[]): number | undefined {
  return toInteger(text(node, ...path));
}

/** Reads the leading integer of a value such as `81559 MiB` or `16x`. */
function toInteger(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+)/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function clean(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' || NOT_A_VALUE.includes(trimmed) ? undefined : trimmed;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
