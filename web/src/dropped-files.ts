/** The files of a drop: dropped folders are walked, so a folder of scans uploads as its files. */
export async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  // Entries must be taken while the drop event runs: the browser empties the transfer after it.
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((entry) => entry === null)) return Array.from(transfer.files);
  const files = await Promise.all(entries.map((entry) => (entry ? filesOf(entry) : Promise.resolve([]))));
  return files.flat();
}

const isFile = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;
const isDirectory = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;

async function filesOf(entry: FileSystemEntry): Promise<File[]> {
  if (isFile(entry)) return [await new Promise<File>((resolve, reject) => entry.file(resolve, reject))];
  if (!isDirectory(entry)) return [];
  const children = await readAll(entry.createReader());
  return (await Promise.all(children.map(filesOf))).flat();
}

/** A directory reader answers in batches (100 in Chromium) until it answers an empty one. */
async function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}
