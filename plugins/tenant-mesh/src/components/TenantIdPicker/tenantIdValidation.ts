import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { isError } from '@backstage/errors';
import { tenantMeshApiRef } from '../../api';
import { problemSentence } from './problemSentence';
import { tenantIdFormatProblem } from './tenantIdFormat';

/**
 * Runs when the user leaves the page of the form: refuses an id that is
 * malformed, breaks a rule of the platform, or is taken, so Create Tenant
 * cannot start with it.
 */
export const tenantIdValidation: CustomFieldValidator<string> = async (
  tenantId,
  validation,
  { apiHolder },
) => {
  if (!tenantId) {
    return; // `required` speaks for an empty id
  }

  const formatProblem = tenantIdFormatProblem(tenantId);
  if (formatProblem) {
    validation.addError(problemSentence(tenantId, formatProblem));
    return;
  }

  const api = apiHolder.get(tenantMeshApiRef);
  if (!api) {
    validation.addError(
      `Could not check whether ${tenantId} is available: the Tenant Mesh plugin is not installed in this app`,
    );
    return;
  }

  try {
    const { problems } = await api.checkAvailability(tenantId);
    for (const problem of problems) {
      validation.addError(problemSentence(tenantId, problem.message));
    }
  } catch (error) {
    validation.addError(
      `Could not check whether ${tenantId} is available: ${
        isError(error) ? error.message : String(error)
      }`,
    );
  }
};
