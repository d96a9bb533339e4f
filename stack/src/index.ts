// What other workspaces (workshop/, e2e/) use of the stack runner: start or find a running
// stack, read its state file, check its sockets, measure its memory, print its tables.
export { startStack, isStackRunning, type RunningStack } from './stack';
export { readStackState } from './run/stack-state-file';
export { isProcessAlive } from './run/process-tree';
export { describeSocket, exposedSockets, listComponentSockets } from './run/listening-sockets';
export { sampleWholeStack, type WholeStackSample } from './bench/process-memory';
export { formatTextTable } from './text-table';
