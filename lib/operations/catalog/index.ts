// Every operation type's catalog entry, by type. The order is the chain page's order of buttons.
import type { z } from 'zod';
import { backup } from './backup';
import { cutOver } from './cut-over';
import { decommission } from './decommission';
import { deliverFlag } from './deliver-flag';
import { growStorage } from './grow-storage';
import { moveToDedicated } from './move-to-dedicated';
import { disableMultiAz, enableMultiAz } from './multi-az';
import { provision } from './provision';
import { reboot } from './reboot';
import { restore } from './restore';
import { restoreDrill } from './restore-drill';
import { retireInstance } from './retire-instance';
import { scaleApp } from './scale-app';
import { scaleDatabase } from './scale-database';

export const operationCatalog = {
  backup,
  'scale-database': scaleDatabase,
  'grow-storage': growStorage,
  'enable-multi-az': enableMultiAz,
  'disable-multi-az': disableMultiAz,
  reboot,
  restore,
  'scale-app': scaleApp,
  'move-to-dedicated': moveToDedicated,
  'retire-instance': retireInstance,
  'cut-over': cutOver,
  decommission,
  provision,
  'deliver-flag': deliverFlag,
  'restore-drill': restoreDrill,
};

/** Every type the queue runs, provisioning and flag deliveries included. */
export type QueueType = keyof typeof operationCatalog;

export type QueueParams<T extends QueueType> = z.infer<(typeof operationCatalog)[T]['params']>;

export const isQueueType = (type: string): type is QueueType => Object.hasOwn(operationCatalog, type);

export const operationLabel = (type: string): string => (isQueueType(type) ? operationCatalog[type].label : type);
