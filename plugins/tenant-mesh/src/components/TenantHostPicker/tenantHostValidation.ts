import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { isError } from '@backstage/errors';
import { tenantMeshApiRef } from '../../api';
import { tenantIdFormatProblem } from '../TenantIdPicker/tenantIdFormat';

/**
 * Runs when the user leaves the page of the form: refuses a host the
 * platform's rules refuse or another tenant owns, so a taken host is found
 * before Create Tenant starts rather than at its plan step. The id is the
 * tenant id field's to report.
 */
export const tenantHostValidation: CustomFieldValidator<string> = async (
  host,
  validation,
  { apiHolder, formData },
) => {
  const tenantId = (formData as { tenantId?: unknown } | undefined)?.tenantId;
  if (
    !host ||
    typeof tenantId !== 'string' ||
    tenantIdFormatProblem(tenantId)
  ) {
    return;
  }

  const api = apiHolder.get(tenantMeshApiRef);
  if (!api) {
    return; // the tenant id field already says the plugin is missing
  }

  try {
    const { problems } = await api.checkAvailability(tenantId, host);
    for (const problem of problems.filter(p => p.field === 'host')) {
      validation.addError(`The host ${problem.message}.`);
    }
  } catch (error) {
    validation.addError(
      `Could not check the host ${host}: ${
        isError(error) ? error.message : String(error)
      }`,
    );
  }
};
