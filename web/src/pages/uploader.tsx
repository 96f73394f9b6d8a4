import { Grid, List, Paper, Progress, Text, TextInput } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { uploadFile } from '../api';
import { droppedFiles } from '../dropped-files';

interface Upload {
  key: string;
  fileName: string;
  progress: number;
  state: 'uploading' | 'accepted' | 'rejected';
  message?: string;
}

const COLOURS = { uploading: 'blue', accepted: 'green', rejected: 'red' } as const;

/** Chromium, Firefox and Safari pick a folder with this attribute, which React's types do not know. */
const FOLDER_PICKER = { webkitdirectory: '' };

export function Uploader({ onAccepted }: { onAccepted: (id: string) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [tags, setTags] = useState('');
  const update = (key: string, change: Partial<Upload>) =>
    setUploads((all) => all.map((upload) => (upload.key === key ? { ...upload, ...change } : upload)));

  const start = (files: Iterable<File>) => {
    for (const file of files) {
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
    void droppedFiles(event.dataTransfer).then(start);
  };
  const chosen = (input: HTMLInputElement) => {
    start(Array.from(input.files ?? []));
    input.value = '';
  };

  return (
    <section aria-label="Upload">
      <Paper
        withBorder
        p={{ base: 'md', sm: 'xl' }}
        ta="center"
        className="dropzone"
        data-dragging={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <Text fw={500}>Drop files or folders here, or choose them</Text>
        <Text component="label" size="sm" display="block" mt="xs">
          Files <input type="file" multiple data-testid="file-input" onChange={(event) => chosen(event.currentTarget)} />
        </Text>
        <Text component="label" size="sm" display="block" mt="xs">
          A folder <input type="file" {...FOLDER_PICKER} data-testid="folder-input" onChange={(event) => chosen(event.currentTarget)} />
        </Text>
      </Paper>
      <TextInput
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
        <List className="uploads" listStyleType="none" aria-live="polite" my="sm">
          {uploads.map((upload) => (
            <List.Item key={upload.key} data-state={upload.state}>
              <Grid align="center" gap="xs">
                <Grid.Col span={{ base: 7, sm: 5 }} style={{ overflowWrap: 'anywhere' }}>
                  {upload.fileName}
                </Grid.Col>
                <Grid.Col span={{ base: 5, sm: 3 }}>
                  <Progress.Root size="lg">
                    <Progress.Section
                      value={upload.progress * 100}
                      color={COLOURS[upload.state]}
                      aria-label={`Upload of ${upload.fileName}`}
                    />
                  </Progress.Root>
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <Text component="span" size="sm" c={upload.state === 'rejected' ? 'error' : undefined}>
                    {upload.message ?? upload.state}
                  </Text>
                </Grid.Col>
              </Grid>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
