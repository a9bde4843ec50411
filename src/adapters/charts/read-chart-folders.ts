/**
 * @module Reads a charts directory (one folder per chart as `helm pull --untar` leaves it, or as the
 * oracles keep them: `<chart>` and `<chart>-v<version>`) into the pure ChartFolder shape: values.yaml,
 * subcharts' values under their key, Chart.yaml name and version, and template-values.json where present.
 * Only folders of the charts asked for are read.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChartFolder } from '../../core/recipe/check-values-paths.js';
import type { TemplatePath } from '../../core/recipe/chart-values-index.js';
import { isValuesObject } from '../../core/recipe/merge-values.js';
import { parseDocumentText } from '../../core/shared/parse-document-text.js';
import { toFsError } from '../fs-errors.js';
import { readFileBounded } from '../read-bounded.js';

/** The largest values.yaml known (kube-prometheus-stack) is a few hundred KiB. */
export const MAX_CHART_FILE_BYTES = 16 * 1024 * 1024;
const VERSIONED = /^(.+)-v(\d[0-9A-Za-z.+-]*)$/;

/** The folders of `dir` that hold one of `charts` (by folder name or Chart.yaml name). */
export async function readChartFolders(
  dir: string,
  charts: readonly string[],
): Promise<ChartFolder[]> {
  const wanted = new Set(charts);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw toFsError(error, dir, 'list');
  }
  const folders: ChartFolder[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    const meta = await readChartYaml(path);
    const versioned = VERSIONED.exec(entry.name);
    const chart = meta.name ?? versioned?.[1] ?? entry.name;
    if (!wanted.has(chart)) continue;
    folders.push({
      folder: entry.name,
      chart,
      folderVersion: versioned && versioned[1] === chart ? versioned[2] : undefined,
      chartYamlVersion: meta.version,
      values: await readValues(join(path, 'values.yaml')),
      subcharts: await readSubcharts(join(path, 'charts')),
      templatePaths: await readTemplatePaths(join(path, 'template-values.json')),
    });
  }
  return folders;
}

/** A chart file, or undefined when the chart has none; bounded like every read. */
async function readText(file: string): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  return (await readFileBounded(file, { maxBytes: MAX_CHART_FILE_BYTES })).toString('utf8');
}

async function readChartYaml(dir: string): Promise<{ name?: string; version?: string }> {
  const text = await readText(join(dir, 'Chart.yaml'));
  if (text === undefined) return {};
  const parsed = parseDocumentText(text, join(dir, 'Chart.yaml'));
  if (!isValuesObject(parsed)) return {};
  return {
    ...(typeof parsed.name === 'string' ? { name: parsed.name } : {}),
    ...(typeof parsed.version === 'string' || typeof parsed.version === 'number'
      ? { version: String(parsed.version) }
      : {}),
  };
}

async function readValues(file: string): Promise<unknown> {
  const text = await readText(file);
  return text === undefined ? {} : (parseDocumentText(text, file) ?? {});
}

async function readSubcharts(
  dir: string,
  prefix: readonly string[] = [],
): Promise<{ key: string[]; values: unknown }[]> {
  if (!existsSync(dir)) return [];
  const found: { key: string[]; values: unknown }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const key = [...prefix, entry.name];
    found.push({ key, values: await readValues(join(dir, entry.name, 'values.yaml')) });
    found.push(...(await readSubcharts(join(dir, entry.name, 'charts'), key)));
  }
  return found;
}

async function readTemplatePaths(file: string): Promise<TemplatePath[]> {
  const text = await readText(file);
  if (text === undefined) return [];
  const parsed = parseDocumentText(text, file);
  const paths = isValuesObject(parsed) ? parsed.paths : undefined;
  return Array.isArray(paths) ? (paths as TemplatePath[]) : [];
}
