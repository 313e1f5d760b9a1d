// Entry point: the runner calls this file for both the main and the post step.
import { run } from './main.js'

void run()
