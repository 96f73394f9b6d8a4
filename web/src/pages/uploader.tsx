import { Paper, Progress, Text, TextInput } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { uploadFile } from '../api';

interface Upload {
  key: string;
  fileName: string;
  progress: number;
  state: 'uploading' | 'accepted' | 'rejected';
  message?: string;
}

export function Uploader({ onAccepted }: { onAccepted: (id: string) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [tags, setTags] = useState('');
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${Date.now()}-${Math.random()}`;
      setUploads((all) => [{ key, fileName: file.name, progress: 0, state: 'uploading' }, ...all]);
      uploadFile(file, tags, (progress) => update(key, { progress }))
        .then((outcome) => {
          const result = outcome.documents[0];
          if (!result?.id) return update(key, { state: 'rejected', message: result?.error?.message ?? 'Refused' });
          update(key, {
            state: 'accepted',
            progress: 1,
            message: result.duplicateOf ? 'Already uploaded: the existing document is shown' : undefined,
          });
          onAccepted(result.id);
        })
        .catch((error: Error) => update(key, { state: 'rejected', message: error.message }));
    }
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    start(event.dataTransfer.files);
  };

  return (
    <section aria-label="Upload">
      <Paper
        component="label"
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        Drop files here or choose them
        <input
          type="file"
          multiple
          data-testid="file-input"
          onChange={(event) => {
            start(event.target.files);
            event.target.value = '';
          }}
        />
      </Paper>
      <TextInput
        className="upload-tags"
        name="upload-tags"
        label="Tags for the next uploads"
        description="separated by commas"
        inputWrapperOrder={['label', 'input', 'description']}
        value={tags}
        placeholder="e.g. finance, 2026"
        maw={360}
        mt="sm"
        onChange={(event) => setTags(event.currentTarget.value)}
      />
      {uploads.length > 0 && (
        <ul className="uploads" aria-live="polite">
          {uploads.map((upload) => (
            <li key={upload.key} data-state={upload.state}>
              <span>{upload.fileName}</span>
              <Progress.Root size="lg">
                <Progress.Section
                  value={upload.progress * 100}
                  color={upload.state === 'rejected' ? 'red' : upload.state === 'accepted' ? 'green' : 'blue'}
                  aria-label={`Upload of ${upload.fileName}`}
                />
              </Progress.Root>
              <Text component="span" size="sm" c={upload.state === 'rejected' ? 'error' : undefined}>
                {upload.message ?? upload.state}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
