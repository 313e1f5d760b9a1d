// What a rollout's state means, read from what the cluster reports: the progress of a Deployment (as `kubectl
// rollout status` judges it) or of a DeploymentConfig's version, and why the pods of a failing one do not run, in
// a sentence the user can act on. Pure: the stage reads the objects and passes them in.
import type {
  ContainerStatus,
  EventObject,
  PodObject,
  SetObject,
  WorkloadObject
} from '../openshift/workloads.js'

export interface Progress {
  desired: number
  updated: number
  ready: number
  available: number
}

export type Verdict =
  | { state: 'waiting'; progress: Progress; why?: string }
  | { state: 'done'; progress: Progress }
  | { state: 'deadline'; progress: Progress; seconds: number }

/**
 * A Deployment's rollout, judged as `kubectl rollout status` does: the controller has seen the latest spec, and
 * every desired replica is updated and available with no old one left; a Progressing condition with reason
 * ProgressDeadlineExceeded ends it.
 */
export function deploymentVerdict(obj: WorkloadObject): Verdict {
  const s = obj.status ?? {}
  const progress: Progress = {
    desired: obj.spec.replicas ?? 1,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0
  }
  if ((s.observedGeneration ?? 0) < (obj.metadata.generation ?? 0))
    return { state: 'waiting', progress, why: 'the controller has not seen the change yet' }
  const progressing = s.conditions?.find(c => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { state: 'deadline', progress, seconds: obj.spec.progressDeadlineSeconds ?? 600 }
  const old = (s.replicas ?? 0) - progress.updated
  if (progress.updated >= progress.desired && old <= 0 && progress.available >= progress.updated)
    return { state: 'done', progress }
  const why = old > 0 ? `${old} old ${old === 1 ? 'pod' : 'pods'} still running` : undefined
  return { state: 'waiting', progress, ...(why ? { why } : {}) }
}

export const DC_PHASE = 'openshift.io/deployment.phase'

/** A DeploymentConfig's version: its ReplicationController's phase says when it is done or has failed. */
export function deploymentConfigVerdict(obj: WorkloadObject, rc: SetObject | undefined): Verdict {
  const s = obj.status ?? {}
  const progress: Progress = {
    desired: obj.spec.replicas ?? 1,
    updated: rc?.status?.replicas ?? 0,
    ready: rc?.status?.readyReplicas ?? 0,
    available: rc?.status?.availableReplicas ?? 0
  }
  const phase = rc?.metadata.annotations?.[DC_PHASE]
  if (!rc) return { state: 'waiting', progress, why: 'the new version has not started yet' }
  if (phase === 'Complete') return { state: 'done', progress }
  if (phase === 'Failed') {
    return { state: 'deadline', progress, seconds: obj.spec.strategy?.rollingParams?.timeoutSeconds ?? 600 }
  }
  const progressing = s.conditions?.find(c => c.type === 'Progressing')
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return { state: 'deadline', progress, seconds: obj.spec.strategy?.rollingParams?.timeoutSeconds ?? 600 }
  return { state: 'waiting', progress }
}

export function progressLine(what: string, p: Progress): string {
  return `${what}: ${p.updated} of ${p.desired} updated, ${p.ready} ready, ${p.available} available`
}

/** Why the new pods do not run, found in their containers' state: the first problem of the first pod that has one. */
export interface PodProblem {
  kind: 'pull' | 'crash' | 'exec-format' | 'config'
  pod: string
  container: string
  /** The waiting reason as the kubelet gives it (ImagePullBackOff, CrashLoopBackOff, ...). */
  reason: string
  /** Whether the kubelet has given up for now (a back-off): the rollout will not succeed by waiting. */
  settled: boolean
  detail?: string
  exitCode?: number
  restarts?: number
}

const PULL = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']
const CONFIG = ['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']

/** The first problem among `pods`; `logs` has each crashed container's last output by `pod/container`. */
export function findProblem(
  pods: PodObject[],
  events: Map<string, EventObject[]>,
  logs: Map<string, string | undefined>
): PodProblem | undefined {
  for (const pod of pods) {
    for (const cs of pod.status?.containerStatuses ?? []) {
      const problem = containerProblem(pod, cs, events.get(pod.metadata.name) ?? [], logs)
      if (problem) return problem
    }
  }
  return undefined
}

function containerProblem(
  pod: PodObject,
  cs: ContainerStatus,
  events: EventObject[],
  logs: Map<string, string | undefined>
): PodProblem | undefined {
  const reason = cs.state?.waiting?.reason ?? ''
  const base = { pod: pod.metadata.name, container: cs.name, reason }
  if (PULL.includes(reason)) {
    const failed = [...events]
      .reverse()
      .find(e => e.reason === 'Failed' && /^Failed to pull image/.test(e.message ?? ''))
    return {
      ...base,
      kind: 'pull',
      settled: reason !== 'ErrImagePull',
      detail: pullDetail(failed?.message ?? cs.state?.waiting?.message)
    }
  }
  if (CONFIG.includes(reason))
    return { ...base, kind: 'config', settled: true, detail: cs.state?.waiting?.message }
  const terminated = cs.lastState?.terminated ?? cs.state?.terminated
  if (reason === 'CrashLoopBackOff' || (terminated && (cs.restartCount ?? 0) > 0)) {
    const log = lastLogLine(logs.get(`${pod.metadata.name}/${cs.name}`) ?? terminated?.message)
    const execFormat =
      /exec format error/.test(log ?? '') || /exec format error/.test(terminated?.message ?? '')
    return {
      ...base,
      reason: reason || 'Error',
      kind: execFormat ? 'exec-format' : 'crash',
      settled: reason === 'CrashLoopBackOff',
      detail: log,
      exitCode: terminated?.exitCode,
      restarts: cs.restartCount
    }
  }
  return undefined
}

/** The cause at the end of a pull failure's message (`...: manifest unknown`), without the image repeated. */
export function pullDetail(message: string | undefined): string | undefined {
  if (!message) return undefined
  const parts = message.split(': ').map(p => p.trim())
  return parts[parts.length - 1].replace(/\.$/, '') || undefined
}

function lastLogLine(text: string | undefined): string | undefined {
  const lines = (text ?? '')
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)
  const last = lines[lines.length - 1]
  return last ? (last.length > 200 ? `${last.slice(0, 200)}…` : last) : undefined
}

/** The problem in one or two sentences of the action's voice, after "<workload> did not roll out: ". */
export function explainProblem(p: PodProblem, workload: string, image: string): string {
  switch (p.kind) {
    case 'pull':
      return (
        `its pods cannot pull ${image} (${p.reason}${p.detail ? `: ${p.detail}` : ''}). ` +
        "Check that the image is in the project's ImageStream and that the pods' service account may pull from it (system:image-puller)."
      )
    case 'exec-format':
      return (
        `container ${p.container} fails at start with "exec format error": the image is not built for the nodes' platform (Rahti's nodes run linux/amd64). ` +
        "Build it for amd64, e.g. `docker buildx build --platform linux/amd64 ...` or `podman build --platform linux/amd64 ...`, and keep 'platform: linux/amd64' so that the push refuses such an image."
      )
    case 'crash':
      return (
        `container ${p.container} keeps crashing (${p.reason}, exit code ${p.exitCode ?? 'unknown'}, ${p.restarts ?? 0} restarts)${p.detail ? `; its last log line: "${p.detail}"` : ''}. ` +
        `Read its log with \`oc logs ${workload} -c ${p.container} --previous\`.`
      )
    case 'config':
      return `container ${p.container} cannot be created (${p.reason}${p.detail ? `: ${p.detail}` : ''}). Fix the workload's configuration (a missing Secret or ConfigMap, say).`
  }
}
