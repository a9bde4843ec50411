#!/usr/bin/env bash
# A real capture on a GPU machine: the raw inputs of the collectors (nvidia-smi, os-release, /proc),
# then cnsctl's own snapshot, recipe and validation, with wall times. Usage (repository root, after
# npm run build): scripts/capture-gpu-node.sh OUT_DIR [NODE_XZ]; NODE_XZ is an xz-compressed node
# binary for machines without Node. test/fixtures/h200-node came from it (serial and UUID zeroed after).
set -u
o="${1:?usage: scripts/capture-gpu-node.sh OUT_DIR [NODE_XZ]}"; node_xz="${2:-}"; mkdir -p "$o"
exec > >(tee "$o/run.log") 2>&1
if [ -n "$node_xz" ]; then
  bin="$(mktemp -d)"
  xz -dc "$node_xz" > "$bin/node" 2>/dev/null ||
    python3 -c 'import lzma,sys;sys.stdout.buffer.write(lzma.open(sys.argv[1]).read())' "$node_xz" > "$bin/node"
  chmod +x "$bin/node"; export PATH="$bin:$PATH"
fi
echo "== machine"; node --version; nproc; uname -a; nvidia-smi -L; command -v systemctl lsmod
nvidia-smi -q -x > "$o/nvidia-smi-q-x.xml"
nvidia-smi --version > "$o/nvidia-smi-version.txt"
cat /etc/os-release > "$o/os-release.txt"; uname -r > "$o/uname-r.txt"; cat /proc/modules > "$o/proc-modules.txt"
for k in kernel.numa_balancing vm.swappiness kernel.pid_max net.core.rmem_max; do echo "$k=$(cat /proc/sys/${k//.//})"; done > "$o/proc-sys.txt"
cns() { node bin/cnsctl.cjs "$@"; }
TIMEFORMAT='%R s'
echo "== snapshot --require-gpu"; time cns snapshot --require-gpu -o "$o/snapshot.yaml"; echo "exit $?"
echo "== recipe --snapshot (detected criteria) --intent training"; cns recipe --snapshot "$o/snapshot.yaml" --intent training -o /tmp/detected.yaml; echo "exit $?"
sed -n '1,60p' /tmp/detected.yaml
echo "== validate detected recipe"; cns validate --recipe /tmp/detected.yaml --snapshot "$o/snapshot.yaml"; echo "exit $?"
echo "== validate eks/h200/ubuntu/training"; cns recipe --service eks --accelerator h200 --os ubuntu --intent training -o /tmp/eks.yaml
cns validate --recipe /tmp/eks.yaml --snapshot "$o/snapshot.yaml"; echo "exit $?"
echo "== validate eks/gb200 (must fail the GPU match)"; cns recipe --service eks --accelerator gb200 --intent training | cns validate --recipe - --snapshot "$o/snapshot.yaml"; echo "exit $?"
echo "== snapshot wall time, 10 runs"; for _ in 1 2 3 4 5 6 7 8 9 10; do time cns snapshot >/dev/null; done
echo "== node -e 0, 10 runs"; for _ in 1 2 3 4 5 6 7 8 9 10; do time node -e 0; done
echo "== nvidia-smi -q -x alone, 5 runs"; for _ in 1 2 3 4 5; do time nvidia-smi -q -x >/dev/null; done
