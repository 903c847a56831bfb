import { useEffect, useRef } from 'react';
import TextField from '@material-ui/core/TextField';
import { TextFieldExtensionProps } from '../fieldProps';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { tenantIdFormatProblem } from '../TenantIdPicker/tenantIdFormat';

/** The props of the field. */
export type TenantHostPickerProps = TextFieldExtensionProps;

/** The form's tenant id, which the scaffolder passes in the form context. */
function formTenantId(formContext: TenantHostPickerProps['formContext']) {
  const tenantId = formContext?.formData?.tenantId;
  return typeof tenantId === 'string' ? tenantId : '';
}

/**
 * The host to suggest for an id: `<tenant id>.<base domain>`, lowercase as
 * hosts are compared; none for an id that is not one even lowercased (its
 * field says why), as the host would be a guess at a tenant id.
 */
export function suggestedHost(tenantId: string, baseDomain?: string): string {
  const lowercase = tenantId.toLowerCase();
  if (!lowercase || !baseDomain || tenantIdFormatProblem(lowercase)) {
    return '';
  }
  return `${lowercase}.${baseDomain}`;
}

/**
 * The tenant's host: `<tenant id>.<base domain>` (the first of
 * `tenantMesh.baseDomains`), following the id as the user types it, until
 * the user writes a host of their own.
 */
export function TenantHostPicker(props: TenantHostPickerProps) {
  const {
    onChange,
    formData,
    formContext,
    schema: { title = 'Host', description },
    uiSchema,
    rawErrors,
    required,
    idSchema,
    disabled,
  } = props;
  const baseDomain = useApi(configApiRef).getOptionalStringArray(
    'tenantMesh.baseDomains',
  )?.[0];
  const suggested = suggestedHost(formTenantId(formContext), baseDomain);

  // Follows the id while the host is empty or what was suggested (empty for
  // an id that cannot be one); a host the user wrote stays, until they make
  // it the suggestion again.
  const follows = useRef(!formData || formData === suggested);
  useEffect(() => {
    if (follows.current && (formData ?? '') !== suggested) {
      onChange(suggested);
    }
  }, [suggested, formData, onChange]);

  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      placeholder={uiSchema?.['ui:placeholder']}
      helperText={description}
      required={required}
      disabled={disabled}
      value={formData ?? ''}
      onChange={({ target: { value } }) => {
        follows.current = value === suggested;
        onChange(value);
      }}
      margin="normal"
      error={rawErrors?.length > 0 && !formData}
      inputProps={{ autoFocus: uiSchema?.['ui:autofocus'] }}
      FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
    />
  );
}
