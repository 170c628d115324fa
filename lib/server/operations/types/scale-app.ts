import 'server-only';
import { operationCatalog } from '@/lib/operations/catalog';
import {
  describeAppInstance,
  setAppInstanceType,
  startAppInstance,
  stopAppInstance,
} from '@/lib/server/aws/ec2-operations';
import { appLock, defineOperation } from '../kernel/operation-module';
import { AWS_CALL_MS, EC2_WAIT_MS, waitUntil } from '../kernel/step-kit';
import type { Step } from '../kernel/step-kit';

export const scaleApp = defineOperation(operationCatalog['scale-app'], {
  check: (chain) => (chain.deployment.appInstanceId ? [] : ['the chain has no app instance (as last read)']),
  locks: (chain) => [appLock(chain)],
  steps: (p, ctx) => {
    const id = ctx.chain.appInstanceId!;
    const state = (want: string): Step => ({
      name: `Wait until the app instance is ${want}`,
      timeoutMs: EC2_WAIT_MS,
      run: (c) =>
        waitUntil(async () => {
          const s = await describeAppInstance(c.clients, id);
          return { done: s.state === want, detail: `${id}: ${s.state}, ${s.instanceType}` };
        }),
    });
    return [
      {
        name: 'Stop the app instance',
        timeoutMs: AWS_CALL_MS,
        run: async (c) => (await stopAppInstance(c.clients, id), 'requested'),
      },
      state('stopped'),
      {
        name: `Change the type to ${p.instanceType}`,
        timeoutMs: AWS_CALL_MS,
        run: async (c) => (await setAppInstanceType(c.clients, id, p.instanceType), 'changed'),
      },
      {
        name: 'Start the app instance',
        timeoutMs: AWS_CALL_MS,
        run: async (c) => (await startAppInstance(c.clients, id), 'requested'),
      },
      state('running'),
    ];
  },
});
