import { LoggerService } from '@backstage/backend-plugin-api';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** The part of an action's context a delivery needs: the task log and checkpoints. */
export interface StepContext {
  logger: LoggerService;
  checkpoint: ActionContext<Record<string, never>>['checkpoint'];
}
