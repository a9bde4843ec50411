/**
 * The part of kube-scheduler the agent's pods meet: node selector, required node affinity (the
 * matchFields on metadata.name that pins an --all-nodes pod), and taints against tolerations; and
 * the message it writes on a pod that fits nowhere, in the scheduler's own words.
 */
import type * as k8s from '@kubernetes/client-node';

export interface FitResult {
  readonly node?: string;
  /** The PodScheduled=False message, when no node fits. */
  readonly unschedulable?: string;
}

/** The first node (by name) the pod fits, or the scheduler's explanation. */
export function fitPod(pod: k8s.V1Pod, nodes: readonly k8s.V1Node[]): FitResult {
  let selectorMisses = 0;
  const taintMisses = new Map<string, number>();
  for (const node of [...nodes].sort((a, b) => name(a).localeCompare(name(b)))) {
    if (!matchesSelector(pod, node) || !matchesAffinity(pod, node)) {
      selectorMisses++;
      continue;
    }
    const untolerated = (node.spec?.taints ?? []).find(
      (taint) =>
        (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
        !(pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint)),
    );
    if (untolerated) {
      const key = `{${untolerated.key}: ${untolerated.value ?? ''}}`;
      taintMisses.set(key, (taintMisses.get(key) ?? 0) + 1);
      continue;
    }
    return { node: name(node) };
  }
  const reasons = [
    ...(selectorMisses > 0
      ? [`${selectorMisses} node(s) didn't match Pod's node affinity/selector`]
      : []),
    ...[...taintMisses].map(([taint, n]) => `${n} node(s) had untolerated taint ${taint}`),
  ].sort();
  const total = nodes.length;
  return {
    unschedulable: `0/${total} nodes are available: ${reasons.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
  };
}

function name(node: k8s.V1Node): string {
  return node.metadata?.name ?? '';
}

function matchesSelector(pod: k8s.V1Pod, node: k8s.V1Node): boolean {
  const labels = node.metadata?.labels ?? {};
  return Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
}

function matchesAffinity(pod: k8s.V1Pod, node: k8s.V1Node): boolean {
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((term) =>
    [...(term.matchFields ?? []), ...(term.matchExpressions ?? [])].every((requirement) => {
      const actual =
        requirement.key === 'metadata.name' && (term.matchFields ?? []).includes(requirement)
          ? name(node)
          : node.metadata?.labels?.[requirement.key];
      const values = requirement.values ?? [];
      switch (requirement.operator) {
        case 'In':
          return actual !== undefined && values.includes(actual);
        case 'NotIn':
          return actual === undefined || !values.includes(actual);
        case 'Exists':
          return actual !== undefined;
        case 'DoesNotExist':
          return actual === undefined;
        default:
          return false;
      }
    }),
  );
}

function tolerates(toleration: k8s.V1Toleration, taint: k8s.V1Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}
