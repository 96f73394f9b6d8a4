import { TextInput } from '@mantine/core';

/** The filters the documents list and search share: a tag and a range of upload days (YYYY-MM-DD, as a date input gives them). */
export interface TagAndDates {
  tag?: string;
  from?: string;
  to?: string;
}

/** The tag and upload-day inputs of a filter form, as one row's worth of labelled inputs inside a `FormRow`. */
export function TagAndDatesInputs({ value, onChange }: { value: TagAndDates; onChange: (change: TagAndDates) => void }) {
  return (
    <>
      <TextInput name="tag" label="Tag" value={value.tag ?? ''} onChange={(event) => onChange({ tag: event.currentTarget.value })} />
      <TextInput
        name="from"
        type="date"
        label="Uploaded from"
        value={value.from ?? ''}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
      />
      <TextInput
        name="to"
        type="date"
        label="to"
        value={value.to ?? ''}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
      />
    </>
  );
}
