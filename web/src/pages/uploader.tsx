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
      <label
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
      </label>
      <label className="upload-tags">
        Tags for the next uploads{' '}
        <input
          name="upload-tags"
          value={tags}
          placeholder="e.g. finance, 2026"
          aria-describedby="upload-tags-help"
          onChange={(event) => setTags(event.target.value)}
        />
      </label>
      <span id="upload-tags-help" className="muted">
        {' '}
        separated by commas
      </span>
      {uploads.length > 0 && (
        <ul className="uploads" aria-live="polite">
          {uploads.map((upload) => (
            <li key={upload.key} data-state={upload.state}>
              <span>{upload.fileName}</span>
              <progress max={1} value={upload.progress} aria-label={`Upload of ${upload.fileName}`} />
              <span className={upload.state === 'rejected' ? 'error' : ''}>{upload.message ?? upload.state}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
