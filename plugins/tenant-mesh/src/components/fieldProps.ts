import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * The props a text field of the scaffolder form uses, of those the form
 * passes. `onChange` takes the new value only: the form's own also takes an
 * error schema, which a string field never sets.
 */
export type TextFieldExtensionProps = Pick<
  FieldExtensionComponentProps<string>,
  | 'formData'
  | 'formContext'
  | 'schema'
  | 'uiSchema'
  | 'rawErrors'
  | 'required'
  | 'idSchema'
  | 'disabled'
> & {
  onChange: (value: string) => void;
};
