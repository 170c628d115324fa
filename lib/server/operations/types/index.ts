import 'server-only';
import type { QueueType } from '@/lib/operations/catalog';
import type { RegisteredOperation } from '../kernel/operation-module';
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

// Every type the queue runs, each bound to its catalog entry. Adding one: a catalog entry in
// lib/operations/catalog/, a module here, and its line below (the type checker asks for it).
export const operationRegistry = {
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
} satisfies Record<QueueType, RegisteredOperation>;
