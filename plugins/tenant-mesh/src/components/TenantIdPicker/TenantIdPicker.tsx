import TextField from '@material-ui/core/TextField';
import { TextFieldExtensionProps } from '../fieldProps';
import { problemSentence } from './problemSentence';
import { tenantIdFormatProblem } from './tenantIdFormat';
import {
  AvailabilityState,
  useTenantAvailability,
} from './useTenantAvailability';

/** The props of the field. */
export type TenantIdPickerProps = TextFieldExtensionProps;

/** What to say under the field, and whether it is an error. */
function status(
  tenantId: string,
  formatProblem: string | undefined,
  availability: AvailabilityState,
): { text?: string; error: boolean } {
  if (formatProblem) {
    return { text: problemSentence(tenantId, formatProblem), error: true };
  }
  switch (availability.status) {
    case 'idle':
      return { error: false };
    case 'checking':
      return {
        text: `Checking whether ${tenantId} is available…`,
        error: false,
      };
    case 'failed':
      return {
        text: `Could not check whether ${tenantId} is available: ${availability.error.message}`,
        error: true,
      };
    default: {
      const { problems } = availability.availability;
      return problems.length === 0
        ? { text: `${tenantId} is available.`, error: false }
        : {
            text: problems
              .map(p => problemSentence(tenantId, p.message))
              .join(' '),
            error: true,
          };
    }
  }
}

/**
 * The tenant id of Create Tenant: checks the format as the user types, and
 * whether the id is free (through the Tenant Mesh backend) once they pause.
 */
export function TenantIdPicker(props: TenantIdPickerProps) {
  const {
    onChange,
    formData,
    schema: { title = 'Tenant id', description },
    uiSchema,
    rawErrors,
    required,
    idSchema,
    disabled,
  } = props;
  const tenantId = formData ?? '';
  const formatProblem = tenantId ? tenantIdFormatProblem(tenantId) : undefined;
  const availability = useTenantAvailability(
    tenantId && !formatProblem ? tenantId : undefined,
  );
  const { text, error } = status(tenantId, formatProblem, availability);
  // Once the form has validated the field (Next), it lists its problems
  // under it, in the same sentences: the helper text then says only what
  // the form does not (e.g. a new id being checked).
  const validated = (rawErrors?.length ?? 0) > 0;
  const repeated =
    text !== undefined &&
    (rawErrors ?? []).some(e => text.includes(e) || e.includes(text));

  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      placeholder={uiSchema?.['ui:placeholder']}
      helperText={repeated ? undefined : text ?? description}
      required={required}
      disabled={disabled}
      value={tenantId}
      onChange={({ target: { value } }) => onChange(value)}
      margin="normal"
      error={error || (validated && !formData)}
      inputProps={{ autoFocus: uiSchema?.['ui:autofocus'] }}
      FormHelperTextProps={{
        margin: 'dense',
        style: { marginLeft: 0 },
        role: 'status',
      }}
    />
  );
}
