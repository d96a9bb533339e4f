import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseStackEnv } from './env';
import { runBuildCommand } from './commands/build-command';
import { runStartCommand } from './commands/start-command';
import { runStatusCommand } from './commands/status-command';
import { runStopCommand } from './commands/stop-command';

const USAGE = `usage: tsx stack/src/cli.ts <command>
  build    build the collector, Prometheus, Jaeger and VictoriaLogs if missing; print where the binaries are
  start [--profile interactive|test]
           build what is missing, start the whole demo, stop it all on Ctrl-C;
           the test profile exports telemetry every 200 ms / 1 s and keeps child output off the console
  status   show what the running stack (from .run/stack.json) looks like
  stop     stop a stack started elsewhere (signals the pids in .run/stack.json)`;

function parseStartArguments(args: readonly string[]): { profile: 'interactive' | 'test' } {
  const { values } = parseArgs({ args: [...args], options: { profile: { type: 'string', default: 'interactive' } } });
  const profile = z.enum(['interactive', 'test']).safeParse(values.profile);
  if (!profile.success) throw new Error(`--profile must be "interactive" or "test", not "${values.profile}"`);
  return { profile: profile.data };
}

async function main(argv: readonly string[]): Promise<number> {
  const command = argv[0];
  switch (command) {
    case 'build':
      return runBuildCommand(parseStackEnv());
    case 'start':
      return runStartCommand(parseStartArguments(argv.slice(1)));
    case 'status':
      return runStatusCommand();
    case 'stop':
      return runStopCommand();
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

// A closed console (the terminal went away, or `npm start | tee` lost its reader)
// must not crash the runner halfway through stopping its children: output is
// also in .run/logs, so a failed console write is dropped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

main(process.argv.slice(2)).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
