import { useEffect, useRef } from 'react';
import TextField from '@material-ui/core/TextField';
import { TextFieldExtensionProps } from '../fieldProps';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';

/** The props of the field. */
export type TenantHostPickerProps = TextFieldExtensionProps;

/** The form's tenant id, which the scaffolder passes in the form context. */
function formTenantId(formContext: TenantHostPickerProps['formContext']) {
  const tenantId = formContext?.formData?.tenantId;
  return typeof tenantId === 'string' ? tenantId : '';
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
  const tenantId = formTenantId(formContext);
  const suggested = tenantId && baseDomain ? `${tenantId}.${baseDomain}` : '';

  // Follows the id while the host is empty or what was suggested; a host
  // the user wrote stays, until they make it the suggestion again.
  const follows = useRef(!formData || formData === suggested);
  useEffect(() => {
    if (follows.current && suggested && formData !== suggested) {
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
