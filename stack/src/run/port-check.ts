import { canBindPort, findPortHolder, type PortHolder } from './port-holder';

export interface PortClaim {
  readonly port: number;
  /** e.g. "tempo (HTTP API)": which component wanted the port and for what. */
  readonly claimedBy: string;
}

export interface PortConflict extends PortClaim {
  readonly holder: PortHolder | null;
}

export class PortsInUseError extends Error {
  constructor(readonly conflicts: readonly PortConflict[]) {
    super(describePortConflicts(conflicts));
  }
}

export function describePortConflicts(conflicts: readonly PortConflict[]): string {
  const lines = conflicts.map(({ port, claimedBy, holder }) => {
    const who =
      holder === null ? 'something we could not identify' : holder.pid === 0 ? holder.command : `pid ${holder.pid} (${holder.command})`;
    return `  port ${port}, needed by ${claimedBy}, is in use by ${who}`;
  });
  return (
    `Cannot start the stack: ${conflicts.length === 1 ? 'a port is' : 'ports are'} already in use.\n${lines.join('\n')}\n` +
    'Stop whatever holds them (an earlier `npm start`? try `npm run stack -- stop`; `docker compose down` if the Docker stack runs), then start again.'
  );
}

/** Checks every port before anything starts, so the user sees all conflicts at once rather than one crash at a time. */
export async function findPortConflicts(claims: readonly PortClaim[]): Promise<PortConflict[]> {
  const conflicts: PortConflict[] = [];
  for (const claim of claims) {
    const holder = findPortHolder(claim.port);
    if (holder !== null || !(await canBindPort(claim.port))) conflicts.push({ ...claim, holder });
  }
  return conflicts;
}

export async function assertPortsFree(claims: readonly PortClaim[]): Promise<void> {
  const conflicts = await findPortConflicts(claims);
  if (conflicts.length > 0) throw new PortsInUseError(conflicts);
}
