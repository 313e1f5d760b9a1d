// The engine factory for the main step, loaded at the first call: the engines' code (docker, podman, skopeo, the
// archive checks, with fs/promises: some 60 kB and 2 ms) is needed only once the engine is chosen, which main.ts
// does beside the API's first questions. Importing the factory statically made every start read and run it
// before the first request went out.
import type { ChosenEngine, EngineRequest } from '../engines/factory.js'

export type { ChosenEngine }

export async function chooseEngine(request: EngineRequest): Promise<ChosenEngine> {
  // One turn of the event loop first: the API requests made beside this one get their connections and send their
  // TLS ClientHellos, so that the server works on the handshakes while this chunk is read and compiled (the
  // connects waited some 7 ms for it otherwise, measured).
  await new Promise(resolve => setImmediate(resolve))
  const factory = await import('../engines/factory.js')
  return factory.chooseEngine(request)
}
