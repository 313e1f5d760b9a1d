// The Actions cache keeps the verified oc between jobs, since hosted runners start each job with an
// empty tool cache. It is an optimisation only: when the service is not configured (self-hosted
// setups without it, tests) it is skipped quietly, and when it fails that is a warning, never a
// failed step.
import * as cache from '@actions/cache'
import * as core from '@actions/core'

/** Bump when what is stored under a key changes shape, so old entries are not restored. */
const SCHEMA = 'v1'

export function actionsCacheKey(version: string, os: string, arch: string): string {
  return `rahti-push-oc-${SCHEMA}-${version}-${os}-${arch}`
}

function available(): boolean {
  try {
    return cache.isFeatureAvailable()
  } catch {
    return false
  }
}

/** Restores into dir (which must be the same path on save and restore); true on a hit. */
export async function restoreFromActionsCache(dir: string, key: string): Promise<boolean> {
  if (!available()) {
    core.debug('The Actions cache service is not available; skipping it')
    return false
  }
  try {
    const hit = await cache.restoreCache([dir], key)
    core.debug(hit ? `Actions cache hit for ${key}` : `Actions cache miss for ${key}`)
    return hit === key
  } catch (err) {
    core.warning(
      `Could not restore oc from the Actions cache (${(err as Error).message}); downloading it instead.`
    )
    return false
  }
}

export async function saveToActionsCache(dir: string, key: string): Promise<void> {
  if (!available()) return
  try {
    await cache.saveCache([dir], key)
    core.debug(`Saved ${dir} to the Actions cache as ${key}`)
  } catch (err) {
    // Another job of the same workflow may have saved the same key a moment earlier.
    if (err instanceof cache.ReserveCacheError) {
      core.info(`oc is already being saved to the Actions cache: ${err.message}`)
      return
    }
    core.warning(
      `Could not save oc to the Actions cache (${(err as Error).message}); later jobs will download it.`
    )
  }
}
