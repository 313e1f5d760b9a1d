// The rollout's pure parts: the `rollout` input's grammar, which containers a workload gets the image in (or that
// a trigger follows the pushed tag), the verdicts on a Deployment's and a DeploymentConfig's progress as kubectl
// and oc judge them, and the reasons read from the new pods' state.
import { describe, expect, test } from '@jest/globals'

import {
  parseWorkloads,
  planWorkload,
  rolloutRights,
  type WorkloadObject
} from '../../src/openshift/workloads.js'
import { getInputs, parseRollout } from '../../src/stages/inputs.js'
import {
  deploymentConfigVerdict,
  deploymentVerdict,
  explainProblem,
  findProblem,
  pullDetail
} from '../../src/stages/rollout-status.js'

describe('parseWorkloads', () => {
  test('one a line or comma-separated, kinds by their short names too, a container after a colon', () => {
    expect(
      parseWorkloads('deployment/web\n deploy/worker:app ,dc/api\n\ndeploymentconfig.apps.openshift.io/old')
    ).toEqual([
      { kind: 'deployment', name: 'web' },
      { kind: 'deployment', name: 'worker', container: 'app' },
      { kind: 'deploymentconfig', name: 'api' },
      { kind: 'deploymentconfig', name: 'old' }
    ])
    expect(parseWorkloads('')).toEqual([])
  })

  test.each([
    ['web', "Input 'rollout': 'web' is not a workload"],
    ['statefulset/db', "Input 'rollout': 'statefulset/db' is not a workload"],
    ['deployment/Web', 'names no valid workload or container'],
    ['deployment/web\ndeployment/web:app', 'deployment/web is named twice']
  ])('%j is refused', (value, message) => {
    expect(() => parseWorkloads(value)).toThrow(message)
  })

  test('rollout-timeout and rollback-on-failure are read with it', () => {
    expect(parseRollout('deployment/web', '', '')).toEqual({
      workloads: [{ kind: 'deployment', name: 'web' }],
      timeout: { given: '5m', seconds: 300 },
      rollback: false
    })
    expect(parseRollout('', '90s', 'true')).toBeUndefined()
    expect(() => parseRollout('deployment/web', 'soon', '')).toThrow(
      "Input 'rollout-timeout': 'soon' is not a duration"
    )
    expect(() => parseRollout('deployment/web', '', 'maybe')).toThrow("Input 'rollback-on-failure'")
  })

  test('the wait must end before the exchanged token does', () => {
    const read = (inputs: Record<string, string>) => (name: string) =>
      ({ token: 'sha256~abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', image: 'app', ...inputs })[name] ?? ''
    const event = { name: 'push', payload: {} } as unknown as Parameters<typeof getInputs>[1]
    expect(
      getInputs(read({ rollout: 'deployment/web', 'token-duration': '1h' }), event).rollout?.timeout.seconds
    ).toBe(300)
    expect(() =>
      getInputs(
        read({
          rollout: 'deployment/web',
          'rollout-timeout': '40m',
          'rollback-on-failure': 'true',
          'token-duration': '1h'
        }),
        event
      )
    ).toThrow(
      "Input 'rollout-timeout': 40m, twice with rollback-on-failure, is as long as the short-lived token lives"
    )
    expect(
      getInputs(read({ rollout: 'deployment/web', 'rollout-timeout': '2h', 'token-duration': '0' }), event)
        .rollout
    ).toBeDefined()
  })

  test('the rights: the kinds named, their revisions, pods, logs and events', () => {
    const rights = rolloutRights([{ kind: 'deploymentconfig', name: 'api' }])
    expect(rights).toContainEqual({
      verb: 'patch',
      group: 'apps.openshift.io',
      resource: 'deploymentconfigs'
    })
    expect(rights).toContainEqual({ verb: 'list', group: '', resource: 'replicationcontrollers' })
    expect(rights).toContainEqual({ verb: 'get', group: '', resource: 'pods', subresource: 'log' })
    expect(rights.some(r => r.resource === 'deployments')).toBe(false)
  })
})

const pushed = { project: 'demo', image: 'app', tags: ['latest', 'sha-1'], internal: '' }

function deployment(
  containers: { name: string; image: string }[],
  annotations?: Record<string, string>
): WorkloadObject {
  return { metadata: { name: 'web', annotations }, spec: { template: { spec: { containers } } } }
}

describe('planWorkload', () => {
  const one = deployment([{ name: 'web', image: 'nginx' }])
  const two = deployment([
    { name: 'web', image: 'reg/demo/app@sha256:1' },
    { name: 'sidecar', image: 'envoy' }
  ])

  test('the only container, the named one, or those that run the stream already', () => {
    expect(planWorkload({ kind: 'deployment', name: 'web' }, one, pushed)).toMatchObject({
      how: 'patch',
      containers: [{ index: 0, name: 'web', from: 'nginx' }]
    })
    expect(
      planWorkload({ kind: 'deployment', name: 'web', container: 'sidecar' }, two, pushed)
    ).toMatchObject({
      containers: [{ index: 1, name: 'sidecar' }]
    })
    expect(planWorkload({ kind: 'deployment', name: 'web' }, two, pushed)).toMatchObject({
      containers: [{ index: 0, name: 'web' }]
    })
  })

  test('a paused workload is refused: it would not roll out', () => {
    const paused: WorkloadObject = { ...one, spec: { ...one.spec, paused: true } }
    expect(() => planWorkload({ kind: 'deployment', name: 'web' }, paused, pushed)).toThrow(
      "Input 'rollout': deployment/web is paused, so it would not roll out. Resume it (`oc rollout resume deployment/web`)"
    )
  })

  test('several containers, none of the stream: the error asks for one by name', () => {
    const other = deployment([
      { name: 'a', image: 'x' },
      { name: 'b', image: 'y' }
    ])
    expect(() => planWorkload({ kind: 'deployment', name: 'web' }, other, pushed)).toThrow(
      'deployment/web has several containers (a, b) and none runs demo/app yet. Name the one to update, e.g. deployment/web:a.'
    )
    expect(() => planWorkload({ kind: 'deployment', name: 'web', container: 'c' }, other, pushed)).toThrow(
      'deployment/web has no container c; its containers are a, b.'
    )
  })

  const trigger = (tag: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify([
      {
        from: { kind: 'ImageStreamTag', name: tag },
        fieldPath: 'spec.template.spec.containers[?(@.name=="web")].image',
        ...extra
      }
    ])

  test('a trigger on a pushed tag: followed, not patched; on another tag, paused, or unreadable: patched', () => {
    const follows = deployment([{ name: 'web', image: 'x' }], {
      'image.openshift.io/triggers': trigger('app:latest')
    })
    expect(planWorkload({ kind: 'deployment', name: 'web' }, follows, pushed)).toEqual({
      ref: { kind: 'deployment', name: 'web' },
      how: 'trigger',
      tag: 'app:latest',
      containers: ['web']
    })
    for (const annotation of [
      trigger('app:stable'),
      trigger('app:latest', { paused: true }),
      trigger('app:latest', { paused: 'false' }),
      trigger('other:latest')
    ]) {
      const obj = deployment([{ name: 'web', image: 'x' }], { 'image.openshift.io/triggers': annotation })
      expect(planWorkload({ kind: 'deployment', name: 'web' }, obj, pushed).how).toBe('patch')
    }
  })

  test("a DeploymentConfig's automatic ImageChange trigger on a pushed tag is followed", () => {
    const dc: WorkloadObject = {
      metadata: { name: 'api' },
      spec: {
        template: { spec: { containers: [{ name: 'web', image: 'x' }] } },
        triggers: [
          {
            type: 'ImageChange',
            imageChangeParams: {
              automatic: true,
              containerNames: ['web'],
              from: { kind: 'ImageStreamTag', name: 'app:sha-1' }
            }
          }
        ]
      }
    }
    expect(planWorkload({ kind: 'deploymentconfig', name: 'api' }, dc, pushed)).toMatchObject({
      how: 'trigger',
      tag: 'app:sha-1'
    })
    dc.spec.triggers![0].imageChangeParams!.automatic = false
    expect(planWorkload({ kind: 'deploymentconfig', name: 'api' }, dc, pushed).how).toBe('patch')
  })
})

describe('verdicts', () => {
  const d = (status: WorkloadObject['status'], generation = 2): WorkloadObject => ({
    metadata: { name: 'web', generation },
    spec: { replicas: 2, template: { spec: { containers: [] } } },
    status
  })

  test('a Deployment as kubectl rollout status judges it', () => {
    expect(deploymentVerdict(d({ observedGeneration: 1 })).state).toBe('waiting')
    expect(
      deploymentVerdict(d({ observedGeneration: 2, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }))
    ).toMatchObject({
      state: 'waiting',
      why: '1 old pod still running'
    })
    expect(
      deploymentVerdict(d({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }))
        .state
    ).toBe('done')
    const timedOut = d({
      observedGeneration: 2,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }]
    })
    expect(deploymentVerdict(timedOut)).toMatchObject({ state: 'deadline', seconds: 600 })
  })

  test("a DeploymentConfig's version by its ReplicationController's phase", () => {
    const dc = d({ latestVersion: 2 })
    const rc = (phase: string) => ({
      metadata: { name: 'web-2', annotations: { 'openshift.io/deployment.phase': phase } },
      spec: { template: { spec: { containers: [] } } },
      status: { replicas: 2, availableReplicas: 1 }
    })
    expect(deploymentConfigVerdict(dc, undefined).state).toBe('waiting')
    expect(deploymentConfigVerdict(dc, rc('Running'))).toMatchObject({
      state: 'waiting',
      progress: { updated: 2, available: 1 }
    })
    expect(deploymentConfigVerdict(dc, rc('Complete')).state).toBe('done')
    expect(deploymentConfigVerdict(dc, rc('Failed')).state).toBe('deadline')
  })
})

describe('the new pods', () => {
  const pod = (name: string, cs: Record<string, unknown>) => ({
    metadata: { name },
    status: { containerStatuses: [{ name: 'app', ...cs }] }
  })

  test('a pull failure, its cause from the event', () => {
    const p = pod('web-1', {
      state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } }
    })
    const events = new Map([
      [
        'web-1',
        [
          {
            reason: 'Failed',
            message:
              'Failed to pull image "x": initializing source docker://x: reading manifest sha256:1 in demo/app: manifest unknown'
          }
        ]
      ]
    ])
    const problem = findProblem([p], events, new Map())!
    expect(problem).toMatchObject({ kind: 'pull', settled: true, detail: 'manifest unknown' })
    expect(explainProblem(problem, 'deployment/web', 'x')).toMatch(
      /^its pods cannot pull x \(ImagePullBackOff: manifest unknown\)\. /
    )
    expect(
      findProblem([pod('web-2', { state: { waiting: { reason: 'ErrImagePull' } } })], new Map(), new Map())
        ?.settled
    ).toBe(false)
  })

  test('exec format error and a crash loop, each with its last log line', () => {
    const crashing = (exitCode: number) =>
      pod('web-1', {
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode, reason: 'Error' } }
      })
    const exec = findProblem(
      [crashing(255)],
      new Map(),
      new Map([['web-1/app', 'exec /app: exec format error\n']])
    )!
    expect(exec.kind).toBe('exec-format')
    expect(explainProblem(exec, 'deployment/web', 'x')).toContain(
      'docker buildx build --platform linux/amd64'
    )
    const crash = findProblem([crashing(1)], new Map(), new Map([['web-1/app', 'starting\npanic: boom\n']]))!
    expect(explainProblem(crash, 'deployment/web', 'x')).toBe(
      'container app keeps crashing (CrashLoopBackOff, exit code 1, 3 restarts); its last log line: "panic: boom". Read its log with `oc logs deployment/web -c app --previous`.'
    )
  })

  test('running pods, and pods still being created, are no problem', () => {
    expect(
      findProblem(
        [
          pod('a', { state: { running: {} } }),
          pod('b', { state: { waiting: { reason: 'ContainerCreating' } } })
        ],
        new Map(),
        new Map()
      )
    ).toBeUndefined()
    expect(pullDetail(undefined)).toBeUndefined()
  })
})
