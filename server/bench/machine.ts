/** The machine a run happened on, recorded next to its figures. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemory: number;
  node: string;
  platform: string;
  kernel: string;
  date: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverageAtStart: number;
  loadAverageAtEnd: number;
}

export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    totalMemory: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg()[0]!,
    loadAverageAtEnd: os.loadavg()[0]!,
  };
}
