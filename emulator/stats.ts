// Counters the benchmark and the tests read, and a sampler of the process's resident memory
// (the gateway must stay bounded however large the pushed image is).
import type { GatewayStats } from './types.js'

export class Stats {
  blobBytesReceived = 0
  registryRequests = 0
  apiRequests = 0
  registryConnections = 0
  apiConnections = 0
  blobsMounted = 0
  imageStreamConflicts = 0
  private peakRss = 0
  private readonly timer: NodeJS.Timeout

  constructor() {
    this.sample()
    this.timer = setInterval(() => this.sample(), 100)
    this.timer.unref()
  }

  private sample(): void {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss())
  }

  snapshot(): GatewayStats {
    this.sample()
    return {
      blobBytesReceived: this.blobBytesReceived,
      registryRequests: this.registryRequests,
      apiRequests: this.apiRequests,
      registryConnections: this.registryConnections,
      apiConnections: this.apiConnections,
      blobsMounted: this.blobsMounted,
      imageStreamConflicts: this.imageStreamConflicts,
      peakRss: this.peakRss
    }
  }

  reset(): void {
    this.blobBytesReceived = 0
    this.registryRequests = 0
    this.apiRequests = 0
    this.registryConnections = 0
    this.apiConnections = 0
    this.blobsMounted = 0
    this.imageStreamConflicts = 0
    this.peakRss = 0
    this.sample()
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
