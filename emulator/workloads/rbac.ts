// What the project roles grant on workloads, as the aggregated `view`, `edit` and `admin` cluster
// roles of OpenShift 4 do: view reads deployments, replica sets, deployment configs, replication
// controllers, pods with their logs, and events; edit (and admin) also write the workloads and
// start DeploymentConfig rollouts (`deploymentconfigs/instantiate`).
import type { Rule } from '../types.js'

const READ = ['get', 'list', 'watch']
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update']

const APPS = [
  'deployments',
  'deployments/scale',
  'deployments/status',
  'replicasets',
  'replicasets/scale',
  'replicasets/status'
]
const DC = [
  'deploymentconfigs',
  'deploymentconfigs/scale',
  'deploymentconfigs/status',
  'deploymentconfigs/log'
]
const CORE = [
  'pods',
  'pods/log',
  'pods/status',
  'replicationcontrollers',
  'replicationcontrollers/scale',
  'replicationcontrollers/status',
  'events'
]

export const WORKLOAD_VIEW_RULES: Rule[] = [
  { verbs: READ, apiGroups: ['apps'], resources: APPS },
  { verbs: READ, apiGroups: ['apps.openshift.io', ''], resources: DC },
  { verbs: READ, apiGroups: [''], resources: CORE }
]

export const WORKLOAD_EDIT_RULES: Rule[] = [
  {
    verbs: [...READ, ...WRITE],
    apiGroups: ['apps'],
    resources: [
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'replicasets',
      'replicasets/scale'
    ]
  },
  {
    verbs: [...READ, ...WRITE],
    apiGroups: ['apps.openshift.io', ''],
    resources: ['deploymentconfigs', 'deploymentconfigs/scale']
  },
  {
    verbs: ['create'],
    apiGroups: ['apps.openshift.io', ''],
    resources: ['deploymentconfigs/instantiate', 'deploymentconfigs/rollback']
  },
  {
    verbs: [...READ, ...WRITE],
    apiGroups: [''],
    resources: ['pods', 'replicationcontrollers', 'replicationcontrollers/scale']
  }
]
