// The process and Node.js metrics of /metrics, under the names prom-client's default metrics use (the names
// Prometheus users and ready-made dashboards expect), read cheaply at scrape time: process.cpuUsage(),
// process.memoryUsage(), one setImmediate for the event loop's lag. prom-client's full default set (GC and
// event-loop-delay histograms kept up between scrapes, heap-space statistics, active handle lists,
// /proc/self/status) cost ~1 ms of CPU per scrape (README, Performance).
import fs from 'node:fs';
import { familyText } from './exposition.js';

/** The open-files limit, read once (it does not change for a running process); undefined off Linux. */
function maxFds(): number | undefined {
  try {
    const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) ? soft : undefined;
  } catch {
    return undefined;
  }
}

/** Open file descriptors now; undefined off Linux. */
function openFds(): number | undefined {
  try {
    return fs.readdirSync('/proc/self/fd').length - 1; // the descriptor readdir itself holds
  } catch {
    return undefined;
  }
}

/** Time from now to the event loop's next check phase: how long queued work delays a callback. */
function eventLoopLagSeconds(): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => setImmediate(() => resolve(Number(process.hrtime.bigint() - start) / 1e9)));
}

/** Reads the process metrics; `text()` gives them as exposition families (without a final newline). */
export function createProcessMetrics(): { text(): Promise<string> } {
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  const fdLimit = maxFds();
  const [major, minor, patch] = process.versions.node.split('.');
  const version = familyText('nodejs_version_info', 'Node.js version info.', 'gauge', [`nodejs_version_info{version="${process.version}",major="${major}",minor="${minor}",patch="${patch}"} 1`]);
  const one = (name: string, help: string, type: 'gauge' | 'counter', value: number | undefined): string[] =>
    (value === undefined ? [] : [familyText(name, help, type, [`${name} ${value}`])]);
  return {
    async text() {
      const lag = await eventLoopLagSeconds();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      return [
        ...one('process_cpu_user_seconds_total', 'Total user CPU time spent in seconds.', 'counter', cpu.user / 1e6),
        ...one('process_cpu_system_seconds_total', 'Total system CPU time spent in seconds.', 'counter', cpu.system / 1e6),
        ...one('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', 'counter', (cpu.user + cpu.system) / 1e6),
        ...one('process_start_time_seconds', 'Start time of the process since unix epoch in seconds.', 'gauge', startSeconds),
        ...one('process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', mem.rss),
        ...one('process_open_fds', 'Number of open file descriptors.', 'gauge', openFds()),
        ...one('process_max_fds', 'Maximum number of open file descriptors.', 'gauge', fdLimit),
        ...one('nodejs_eventloop_lag_seconds', 'Lag of event loop in seconds.', 'gauge', lag),
        ...one('nodejs_heap_size_total_bytes', 'Process heap size from Node.js in bytes.', 'gauge', mem.heapTotal),
        ...one('nodejs_heap_size_used_bytes', 'Process heap size used from Node.js in bytes.', 'gauge', mem.heapUsed),
        ...one('nodejs_external_memory_bytes', 'Node.js external memory size in bytes.', 'gauge', mem.external),
        version,
      ].join('\n\n');
    },
  };
}
