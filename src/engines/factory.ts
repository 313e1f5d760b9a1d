// The one place engines are made: from the `engine` input in the main step, and from the saved session in
// the post step, so that the same kind of engine undoes what the main step did.
import { DockerEngine } from './docker.js'
import type { Engine, EngineKind, EngineSession } from './engine.js'

/** What the `engine` input may say; `auto` picks from what the runner has and where the source is. */
export type EngineChoice = 'auto' | EngineKind

export const ENGINE_CHOICES: readonly EngineChoice[] = ['auto', 'docker']

/** `saveSession` is called whenever the engine's session changes, so that the post step knows what to undo. */
export function createEngine(
  choice: EngineChoice,
  options: { logout: boolean; saveSession?: (session: EngineSession) => void }
): Engine {
  const kind: EngineKind = choice === 'auto' ? 'docker' : choice
  return restoreEngine({ kind, logout: options.logout }, options.saveSession)
}

/** The engine of a saved session (the post step). */
export function restoreEngine(
  session: EngineSession,
  saveSession: (session: EngineSession) => void = () => undefined
): Engine {
  switch (session.kind) {
    case 'docker':
      return new DockerEngine(session, saveSession)
  }
}
