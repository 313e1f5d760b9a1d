// The container engine behind a small interface, so that podman or skopeo can stand in for Docker later.
export interface Engine {
  readonly name: string
  /** Logs into the registry with the token on stdin. */
  login(registry: string, token: string): Promise<void>
  /** Whether the local image exists. */
  hasImage(source: string): Promise<boolean>
  /** Pushes `source` as `target` (one upload); returns the digest the engine reported, if any. */
  push(source: string, target: string): Promise<string | undefined>
  logout(registry: string): Promise<void>
}
