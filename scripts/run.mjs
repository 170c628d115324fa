// Entry point of `npm start` and `npm test`: installs what is missing (plain Node, nothing else needed),
// then runs the named TypeScript program in scripts/ with signals passed through.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSetup } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [program, ...args] = process.argv.slice(2);
ensureSetup();
const child = spawn(
  process.execPath,
  ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts', `${program}.ts`), ...args],
  {
    cwd: root,
    stdio: 'inherit',
    // Node 20 is supported here; the SDK's multi-line notice that its 2027 releases need Node 22 is in the README.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
