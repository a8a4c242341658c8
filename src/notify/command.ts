// alerts.command: runs an argv array without a shell; the alert in L2TOP_ALERT_* variables and as JSON on stdin.
import type { CommandHookConfig } from '../config/schema.js';
import { stripControls } from '../model/sanitize.js';
import { HookFailure, type Deliver } from './hook.js';
import { alertEnv } from './payload.js';

/** Default time a command may run before it is killed. */
export const COMMAND_TIMEOUT_MS = 10_000;
/** After SIGTERM, a command that is still running gets SIGKILL this much later. */
const KILL_GRACE_MS = 2_000;
/** How much of a command's stderr is kept for the reason. */
const STDERR_MAX = 4_096;

/** The command as a Deliver function: exit status 0 is a delivery, anything else a failure with the reason. */
export function commandHook(cfg: CommandHookConfig, env: NodeJS.ProcessEnv = process.env): Deliver {
  const [program = '', ...args] = cfg.argv;
  const timeoutMs = cfg.timeoutMs ?? COMMAND_TIMEOUT_MS;
  return (payload, stop) => new Promise<void>((resolve, reject) => {
    if (stop.aborted) return reject(new HookFailure('stopped'));
    // node:child_process is loaded when a command hook first runs, not at every start.
    const child = process.getBuiltinModule('node:child_process').spawn(program, args, { shell: false, env: { ...env, ...alertEnv(payload) }, stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    let why: string | undefined;
    let killer: NodeJS.Timeout | undefined;
    const kill = (reason: string) => {
      why ??= reason;
      child.kill('SIGTERM');
      killer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => kill(`still running after ${timeoutMs / 1000} s: killed`), timeoutMs);
    const onStop = () => kill('stopped');
    stop.addEventListener('abort', onStop, { once: true });
    const settle = () => {
      clearTimeout(timer);
      clearTimeout(killer);
      stop.removeEventListener('abort', onStop);
    };
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < STDERR_MAX) stderr += b.toString('utf8').slice(0, STDERR_MAX - stderr.length);
    });
    // A command that does not read its stdin closes it: that is its business, not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(payload) + '\n');
    child.on('error', (e: NodeJS.ErrnoException) => {
      settle();
      const what = e.code === 'ENOENT' ? 'not found' : e.code === 'EACCES' ? 'permission denied' : e.message;
      reject(new HookFailure(`could not start ${program}: ${what}${e.code ? ` (${e.code})` : ''}`));
    });
    child.on('close', (code, signal) => {
      settle();
      if (why !== undefined) return reject(new HookFailure(why));
      if (code === 0) return resolve();
      const last = stripControls(stderr.trim().split('\n').pop() ?? '', 160);
      const status = code === null ? `killed by ${signal ?? 'a signal'}` : `exited with status ${code}`;
      reject(new HookFailure(`${program} ${status}${last ? `: ${last}` : ''}`));
    });
  });
}
