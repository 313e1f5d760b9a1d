// The Actions cache keeps the verified oc between jobs, since hosted runners start each job with an
// empty tool cache. It is an optimisation only: when the service is not configured (self-hosted
// setups without it, tests) it is skipped quietly, and when it fails that is a warning, never a
// failed step.
import * as core from '../util/actions.js'
import { messageOf } from '../util/errors.js'

type CacheModule = typeof import('@actions/cache')
let loading: Promise<CacheModule> | undefined
/**
 * Loaded only when a job needs it: the cache client and its Azure SDK are two thirds of the bundle, and
 * parsing them at start-up cost every run about 60 ms, pushes that never touch the cache included.
 */
function loadCache(): Promise<CacheModule> {
  return (loading ??= import('@actions/cache'))
}

/** Bump when what is stored under a key changes shape, so old entries are not restored. */
const SCHEMA = 'v1'

export function actionsCacheKey(version: string, os: string, arch: string): string {
  return `rahti-push-oc-${SCHEMA}-${version}-${os}-${arch}`
}

/** Whether the runner names a cache service at all (it may still turn out to be unavailable). */
export function actionsCacheConfigured(): boolean {
  // The runner names the service in these variables; without them there is nothing to load.
  return Boolean(process.env.ACTIONS_CACHE_URL || process.env.ACTIONS_RESULTS_URL)
}

/** The cache client, or undefined when the runner offers no cache service. */
async function available(): Promise<CacheModule | undefined> {
  if (!actionsCacheConfigured()) return undefined
  try {
    const cache = await loadCache()
    return cache.isFeatureAvailable() ? cache : undefined
  } catch {
    return undefined
  }
}

/** Restores into dir (which must be the same path on save and restore); true on a hit. */
export async function restoreFromActionsCache(dir: string, key: string): Promise<boolean> {
  const cache = await available()
  if (!cache) {
    core.debug('The Actions cache service is not available; skipping it')
    return false
  }
  try {
    const hit = await cache.restoreCache([dir], key)
    core.debug(hit ? `Actions cache hit for ${key}` : `Actions cache miss for ${key}`)
    return hit === key
  } catch (err) {
    core.warning(`Could not restore oc from the Actions cache (${messageOf(err)}); downloading it instead.`)
    return false
  }
}

export async function saveToActionsCache(dir: string, key: string): Promise<void> {
  const cache = await available()
  if (!cache) return
  try {
    await cache.saveCache([dir], key)
    core.debug(`Saved ${dir} to the Actions cache as ${key}`)
  } catch (err) {
    // Another job of the same workflow may have saved the same key a moment earlier.
    if (err instanceof cache.ReserveCacheError) {
      core.info(`oc is already being saved to the Actions cache: ${err.message}`)
      return
    }
    core.warning(`Could not save oc to the Actions cache (${messageOf(err)}); later jobs will download it.`)
  }
}
