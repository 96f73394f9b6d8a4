import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { DEFAULT_DOCUMENT_TYPES } from '@docpipe/contracts';

/** A document type: the known ones offered as the user types, any other taken as written (a tenant's own types too). */
export function TypeInput({
  value,
  onChange,
  ...props
}: Omit<AutocompleteProps, 'data' | 'name' | 'label'> & { value: string; onChange: (type: string) => void }) {
  return <Autocomplete name="type" label="Type" data={DEFAULT_DOCUMENT_TYPES} value={value} onChange={onChange} {...props} />;
}
