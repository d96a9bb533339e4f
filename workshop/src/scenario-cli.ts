import { isScenarioName, SCENARIO_NAMES, type ScenarioList, type ScenarioName } from '@o11y-demo/scenarios';
import { httpUrl, LOOPBACK, PORTS } from '@o11y-demo/topology';
import { ScenarioApi } from './scenario-api';
import { readTargets } from './targets';

const USAGE = `usage: npm run scenario -- <command>
  list                 every scenario, and which are on
  on <name> [<name>]   switch scenarios on (no restart: the next request sees them)
  off <name> [<name>]  switch scenarios off
  reset                switch everything off
scenarios: ${SCENARIO_NAMES.join(', ')}
node-api: WORKSHOP_NODE_API_URL (default ${httpUrl(PORTS.nodeApi, LOOPBACK)})`;

function printList(list: ScenarioList): void {
  const width = Math.max(...list.scenarios.map((s) => s.name.length));
  for (const s of list.scenarios) {
    process.stdout.write(`${s.active ? '[on] ' : '[  ] '}${s.name.padEnd(width)}  ${s.service.padEnd(8)}  ${s.description}\n`);
  }
  process.stdout.write(`\nactive: ${list.active.length === 0 ? 'none' : list.active.join(', ')}\n`);
}

function scenarioNames(args: readonly string[]): ScenarioName[] {
  if (args.length === 0) throw new Error(`name at least one scenario\n\n${USAGE}`);
  const unknown = args.filter((name) => !isScenarioName(name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${SCENARIO_NAMES.join(', ')}`);
  return args as ScenarioName[];
}

export async function runScenarioCommand(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const api = new ScenarioApi(readTargets().nodeApi);
  switch (command) {
    case 'list':
      printList(await api.list());
      return 0;
    case 'on':
    case 'off': {
      let list: ScenarioList | undefined;
      for (const name of scenarioNames(rest)) list = await api.set(name, command === 'on');
      if (list !== undefined) printList(list);
      return 0;
    }
    case 'reset':
      printList(await api.reset());
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

if (require.main === module) {
  runScenarioCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
