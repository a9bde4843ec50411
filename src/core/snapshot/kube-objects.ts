/**
 * @module The Kubernetes API objects a snapshot reads (VersionInfo, V1Node, V1Pod, the gpu-operator
 * ClusterPolicy), reduced to the fields it uses. Shapes follow the API exactly, so objects from the
 * official client or from `kubectl get -o json` are assignable to them.
 */

/** `GET /version`. */
export interface KubeVersionInfo {
  readonly gitVersion: string;
  readonly platform?: string;
  readonly goVersion?: string;
}

/** A core/v1 Node. */
export interface KubeNode {
  readonly metadata?: {
    readonly name?: string;
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly spec?: { readonly providerID?: string };
  readonly status?: {
    readonly nodeInfo?: {
      readonly kernelVersion?: string;
      readonly osImage?: string;
      readonly containerRuntimeVersion?: string;
      readonly kubeletVersion?: string;
      readonly operatingSystem?: string;
      readonly architecture?: string;
    };
    readonly capacity?: Readonly<Record<string, string>>;
    readonly allocatable?: Readonly<Record<string, string>>;
  };
}

export interface KubeContainer {
  readonly name: string;
  readonly image?: string;
}

/** A condition of a pod or Job (`PodScheduled`, `Complete`, …). */
export interface KubeCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

/** What the kubelet reports of one container. */
export interface KubeContainerStatus {
  readonly name: string;
  readonly state?: {
    readonly waiting?: { readonly reason?: string; readonly message?: string };
    readonly running?: { readonly startedAt?: Date | string };
    readonly terminated?: {
      readonly exitCode: number;
      readonly reason?: string;
      readonly message?: string;
    };
  };
}

/** A core/v1 Pod. */
export interface KubePod {
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly deletionTimestamp?: Date | string;
  };
  readonly spec?: {
    readonly nodeName?: string;
    readonly containers: readonly KubeContainer[];
    readonly initContainers?: readonly KubeContainer[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly conditions?: readonly KubeCondition[];
    readonly containerStatuses?: readonly KubeContainerStatus[];
  };
}

/** A core/v1 Event, reduced to what explains a stuck workload (the Job controller's FailedCreate). */
export interface KubeEvent {
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
}

/** A ClusterPolicy (nvidia.com/v1), the gpu-operator's configuration, and how far it got. */
export interface KubeClusterPolicy {
  readonly metadata?: { readonly name?: string };
  readonly spec?: Readonly<Record<string, unknown>>;
  /** `state` is `ready`, `notReady` or `ignored` once the operator has reconciled the policy. */
  readonly status?: { readonly state?: string };
}
