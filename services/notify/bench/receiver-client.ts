import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReceiverCommand, ReceiverMessage, ReceiverReport } from './receiver-child.ts';

export type { ReceiverReport } from './receiver-child.ts';

export interface Receiver {
  /** e.g. http://127.0.0.1:41234 (any path is accepted) */
  readonly webhookUrl: string;
  readonly smtpUrl: string;
  /**
   * Starts counting `channel` afresh; resolves (with `performance.now()` of this process) when
   * `count` distinct messages have arrived.
   */
  expect(channel: 'webhook' | 'email', count: number): Promise<number>;
  report(): Promise<ReceiverReport>;
  close(): void;
}

/** Forks `receiver-child.ts` (with tsx) and waits for it to listen. */
export const startReceiver = async (): Promise<Receiver> => {
  const child = fork(fileURLToPath(new URL('./receiver-child.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onReached: ((at: number) => void) | null = null;
  let onReport: ((report: ReceiverReport) => void) | null = null;
  const listening = new Promise<{ webhookUrl: string; smtpUrl: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`receiver exited (${code})`)));
    child.on('message', (message: ReceiverMessage) => {
      if (message.type === 'listening') resolve(message);
      else if (message.type === 'reached') onReached?.(performance.now());
      else onReport?.(message.report);
    });
  });
  const urls = await listening;
  const send = (command: ReceiverCommand) => child.send(command);
  return {
    ...urls,
    expect: (channel, count) => {
      const reached = new Promise<number>((resolve) => (onReached = resolve));
      send({ type: 'expect', channel, count });
      return reached;
    },
    report: () => {
      const report = new Promise<ReceiverReport>((resolve) => (onReport = resolve));
      send({ type: 'report' });
      return report;
    },
    close: () => child.disconnect(),
  };
};
