import { cpus, loadavg, release, totalmem, type } from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string | null;
}

export function describeMachine(postgresVersion: string | null): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? "unknown",
    cores: processors.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${type()} ${release()}`,
    node: process.version,
    postgres: postgresVersion,
  };
}

/** The 1-, 5- and 15-minute load averages (how busy the machine was besides the bench). */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = loadavg();
  return [one!, five!, fifteen!].map((value) => Number(value.toFixed(2))) as [number, number, number];
}
