// The workload controllers' pure logic: the pod-template hash, maxSurge and maxUnavailable, the
// rolling-update steps of one rollout from start to end, conditions, containers under faults, and
// the image trigger annotation as the trigger controller reads it.
import { describe, expect, test } from '@jest/globals'

import { applyPatch } from '../../emulator/api/patch.js'
import {
  containerView,
  CREATING_MS,
  faultMatches,
  parseTriggers,
  RESTART_MS,
  rollingStep,
  setCondition,
  surgeAndUnavailable,
  templateHash
} from '../../emulator/workloads/logic.js'

describe('templateHash', () => {
  test('ten safe characters, the same for equal templates whatever their key order', () => {
    const a = templateHash({
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'a', image: 'x' }] }
    })
    const b = templateHash({
      spec: { containers: [{ image: 'x', name: 'a' }] },
      metadata: { labels: { app: 'web' } }
    })
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/)
    expect(a).toBe(b)
    expect(templateHash({ spec: { containers: [{ name: 'a', image: 'y' }] } })).not.toBe(a)
  })
})

describe('surgeAndUnavailable', () => {
  test.each([
    [1, '25%', '25%', 1, 0],
    [4, '25%', '25%', 1, 1],
    [10, '25%', '25%', 3, 2],
    [3, 0, 0, 0, 1],
    [3, 2, '50%', 2, 1]
  ])('%i replicas, surge %s, unavailable %s -> %i, %i', (desired, surge, unavailable, s, u) => {
    expect(surgeAndUnavailable(desired, surge, unavailable)).toEqual({ surge: s, unavailable: u })
  })
})

describe('rollingStep', () => {
  test('one replica: the new set grows first, the old one goes only once the new pod is available', () => {
    const limits = surgeAndUnavailable(1)
    expect(rollingStep(1, limits, { replicas: 0, available: 0 }, [{ replicas: 1, available: 1 }])).toEqual({
      newReplicas: 1,
      oldReplicas: [1]
    })
    // The new pod is not available (a crash loop): the old one keeps serving.
    expect(rollingStep(1, limits, { replicas: 1, available: 0 }, [{ replicas: 1, available: 1 }])).toEqual({
      newReplicas: 1,
      oldReplicas: [1]
    })
    expect(rollingStep(1, limits, { replicas: 1, available: 1 }, [{ replicas: 1, available: 1 }])).toEqual({
      newReplicas: 1,
      oldReplicas: [0]
    })
  })

  test('four replicas reach the new set within desired + surge and desired - unavailable', () => {
    const limits = surgeAndUnavailable(4)
    let current = { replicas: 0, available: 0 }
    let old = { replicas: 4, available: 4 }
    for (let i = 0; i < 10 && (current.available < 4 || old.replicas > 0); i++) {
      const step = rollingStep(4, limits, current, [old])
      expect(step.newReplicas + step.oldReplicas[0]).toBeLessThanOrEqual(4 + limits.surge)
      expect(
        Math.min(current.available, step.newReplicas) + Math.min(old.available, step.oldReplicas[0])
      ).toBeGreaterThanOrEqual(3)
      // The pods of the step become available before the next.
      current = { replicas: step.newReplicas, available: step.newReplicas }
      old = { replicas: step.oldReplicas[0], available: step.oldReplicas[0] }
    }
    expect(current).toEqual({ replicas: 4, available: 4 })
    expect(old.replicas).toBe(0)
  })

  test('unavailable old pods go first, within what the budget allows', () => {
    // 4 desired, surge 1, unavailable 1: of five pods, one may go even though none is available.
    expect(
      rollingStep(4, surgeAndUnavailable(4), { replicas: 1, available: 0 }, [{ replicas: 4, available: 0 }])
    ).toEqual({ newReplicas: 1, oldReplicas: [3] })
  })
})

describe('setCondition', () => {
  test('keeps lastTransitionTime while the status stays, moves lastUpdateTime', () => {
    const first = setCondition(
      [],
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: 'm' },
      't1'
    )
    const next = setCondition(
      first,
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'n' },
      't2'
    )
    expect(next).toEqual([
      {
        type: 'Progressing',
        status: 'True',
        reason: 'ReplicaSetUpdated',
        message: 'n',
        lastUpdateTime: 't2',
        lastTransitionTime: 't1'
      }
    ])
    const failed = setCondition(
      next,
      { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'x' },
      't3'
    )
    expect(failed[0]).toMatchObject({ lastTransitionTime: 't3', lastUpdateTime: 't3' })
  })
})

describe('containerView', () => {
  const image = 'registry/demo/app@sha256:' + 'a'.repeat(64)
  test('a pullable image without fault: creating, then running and ready', () => {
    expect(containerView(image, true, undefined, 0)).toEqual({
      state: 'waiting',
      reason: 'ContainerCreating'
    })
    expect(containerView(image, true, undefined, CREATING_MS)).toMatchObject({
      state: 'running',
      ready: true
    })
  })

  test('a missing image alternates ErrImagePull and ImagePullBackOff with the manifest named', () => {
    const first = containerView(image, false, undefined, 0)
    expect(first).toMatchObject({ reason: 'ErrImagePull' })
    expect((first as { message: string }).message).toContain(`Failed to pull image "${image}"`)
    expect((first as { message: string }).message).toContain('manifest unknown')
    expect(containerView(image, false, undefined, RESTART_MS)).toMatchObject({ reason: 'ImagePullBackOff' })
  })

  test('crash and exec format error restart with their exit codes and log lines', () => {
    const crash = containerView(
      image,
      true,
      { image, fault: 'crash', message: 'boom' },
      CREATING_MS + 2 * RESTART_MS
    )
    expect(crash).toMatchObject({ reason: 'CrashLoopBackOff', restarts: 3, exitCode: 1, log: 'boom' })
    const exec = containerView(image, true, { image, fault: 'exec-format' }, CREATING_MS)
    expect(exec).toMatchObject({ reason: 'CrashLoopBackOff', exitCode: 255 })
    expect((exec as { log: string }).log).toMatch(/exec format error$/)
  })

  test('slow readiness: running, ready after the seconds asked', () => {
    const fault = { image, fault: 'slow' as const, readyAfterSeconds: 2 }
    expect(containerView(image, true, fault, CREATING_MS + 1999)).toMatchObject({
      state: 'running',
      ready: false
    })
    expect(containerView(image, true, fault, CREATING_MS + 2000)).toMatchObject({
      state: 'running',
      ready: true
    })
  })

  test('a digest fault applies to a reference by tag that resolves to it', () => {
    const fault = { image: 'sha256:' + 'b'.repeat(64), fault: 'pull' as const }
    expect(faultMatches(fault, 'r/demo/app:v1', fault.image)).toBe(true)
    expect(faultMatches(fault, `r/demo/app@${fault.image}`)).toBe(true)
    expect(faultMatches(fault, 'r/demo/app:v1', 'sha256:' + 'c'.repeat(64))).toBe(false)
  })
})

describe('parseTriggers', () => {
  const entry = {
    from: { kind: 'ImageStreamTag', name: 'app:latest' },
    fieldPath: 'spec.template.spec.containers[?(@.name=="web")].image'
  }
  test('reads the tag, the container and paused', () => {
    expect(parseTriggers(JSON.stringify([entry, { ...entry, paused: true }]))).toEqual([
      { tag: 'app:latest', namespace: undefined, containers: ['web'], paused: false },
      { tag: 'app:latest', namespace: undefined, containers: ['web'], paused: true }
    ])
  })

  test('a paused written as a string spoils the whole annotation, as on the cluster', () => {
    expect(parseTriggers(JSON.stringify([{ ...entry, paused: 'false' }]))).toHaveProperty('error')
    expect(parseTriggers('not json')).toHaveProperty('error')
    expect(parseTriggers(undefined)).toEqual([])
  })
})

describe('strategic merge of containers', () => {
  test('kubectl set image changes one container by name and keeps the others whole', () => {
    const current = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'x', ports: [{ containerPort: 80 }] },
              { name: 'b', image: 'y' }
            ]
          }
        }
      }
    }
    const patch = { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }] } } } }
    const r = applyPatch('application/strategic-merge-patch+json', current, JSON.stringify(patch))
    expect(r).toEqual({
      result: {
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'a', image: 'x', ports: [{ containerPort: 80 }] },
                { name: 'b', image: 'z' }
              ]
            }
          }
        }
      }
    })
    const merged = applyPatch('application/merge-patch+json', current, JSON.stringify(patch))
    expect(merged).toEqual({ result: patch })
  })
})
