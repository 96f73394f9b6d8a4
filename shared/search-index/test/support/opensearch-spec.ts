import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { parse } from 'yaml';
import type { RecordedRequest } from '@docpipe/testing';

// OpenSearch's own API specification (OpenAPI 3.1, vendored with its licence), used to check every request the
// adapter sends: the operation exists for that method and path, each query parameter is declared with a valid
// value, and the body matches the request schema with no property the specification does not know.
const SPEC_ROOT = join(__dirname, '..', 'spec', 'opensearch-api');
const BASE = 'https://opensearch-api.spec/';
const NAMESPACES = ['spec/namespaces/_core.yaml', 'spec/namespaces/indices.yaml', 'spec/namespaces/search_pipeline.yaml'];
const GLOBAL_PARAMETERS = 'spec/_global_parameters.yaml';
const METHODS = ['get', 'put', 'post', 'delete', 'head'] as const;

type Node = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Node;
}
interface Operation {
  template: string;
  pattern: RegExp;
  literalSegments: number;
  file: string;
  node: Node;
}

export class OpenSearchSpec {
  private readonly documents = new Map<string, Node>();
  private readonly operations: Operation[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    for (const file of yamlFiles(SPEC_ROOT)) {
      const document = oneOfAsAnyOf(parse(readFileSync(join(SPEC_ROOT, file), 'utf8'))) as Node;
      this.documents.set(file, document);
      this.ajv.addSchema(document, BASE + file);
    }
    for (const file of NAMESPACES) {
      for (const [template, item] of Object.entries((this.documents.get(file)?.paths ?? {}) as Record<string, Node>)) {
        for (const method of METHODS) {
          if (!item[method]) continue;
          const pattern = new RegExp(`^${method.toUpperCase()} ${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
          const literalSegments = template.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
          this.operations.push({
            template: `${method.toUpperCase()} ${template}`,
            pattern,
            literalSegments,
            file,
            node: item[method] as Node,
          });
        }
      }
    }
  }

  /** What in this request the specification does not allow; empty when it conforms. */
  violations(request: RecordedRequest): string[] {
    const operation = this.operationFor(request);
    if (!operation) return [`${request.method} ${request.path}: no such operation in the specification`];
    const problems: string[] = [];
    const parameters = [
      ...((operation.node.parameters ?? []) as Node[]).map(
        (reference) => this.resolve(operation.file, reference).node as unknown as Parameter,
      ),
      ...Object.values((this.documents.get(GLOBAL_PARAMETERS)?.components as Node).parameters as Record<string, Parameter>),
    ];
    for (const [name, value] of Object.entries(request.query)) {
      const declared = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
      if (!declared) problems.push(`query parameter "${name}" is not declared for ${operation.template}`);
      else if (
        declared.schema &&
        !readings(value).some((reading) => this.check(declared.schema!, operation.file, { value: reading }, 'value'))
      )
        problems.push(`query parameter ${name}=${value} does not match its schema`);
    }
    for (const parameter of parameters.filter((candidate) => candidate.in === 'query' && candidate.required)) {
      if (!(parameter.name in request.query)) problems.push(`required query parameter "${parameter.name}" missing`);
    }
    problems.push(...this.bodyViolations(operation, request));
    return problems.map((problem) => `${request.method} ${request.path}: ${problem}`);
  }

  private bodyViolations(operation: Operation, request: RecordedRequest): string[] {
    if (!operation.node.requestBody) return request.body === null ? [] : [`${operation.template} takes no body`];
    const { node: requestBody, file } = this.resolve(operation.file, operation.node.requestBody as Node);
    if (request.body === null) return requestBody.required ? ['the body is required'] : [];
    const mediaType = (request.contentType ?? '').split(';')[0]!.trim();
    const content = (requestBody.content ?? {}) as Record<string, { schema: Node }>;
    const schema = content[mediaType]?.schema;
    if (!schema) return [`a body of type "${mediaType}" is not accepted (${Object.keys(content).join(', ')})`];
    const problems = this.check(schema, file, request.body, 'body') ? [] : [this.ajv.errorsText(this.ajvErrors, { dataVar: 'body' })];
    return [...problems, ...this.undeclared(request.body, [{ node: schema, file }], 'body')];
  }

  private ajvErrors: ValidateFunction['errors'] = null;

  /** Validates `data` against a schema found in `file` (its relative $refs resolved from there). */
  private check(schema: Node, file: string, data: unknown, key: string): boolean {
    const absolute = withAbsoluteReferences(schema, file);
    const wrapped = key === 'value' ? { type: 'object', properties: { value: absolute } } : absolute;
    const id = `${file}#${JSON.stringify(wrapped)}`;
    let validate = this.compiled.get(id);
    if (!validate) {
      validate = this.ajv.compile({ $id: `${BASE}${file}?check=${this.compiled.size}`, ...wrapped });
      this.compiled.set(id, validate);
    }
    const valid = validate(data);
    this.ajvErrors = validate.errors;
    return valid;
  }

  /**
   * Properties the specification does not declare. OpenAPI leaves objects open unless `additionalProperties` says
   * otherwise, so a misspelt or misplaced field would pass schema validation; here every property of an object must
   * be declared by one of the schemas that describe it (through allOf/anyOf/oneOf), unless one of them is open.
   */
  private undeclared(value: unknown, schemas: Resolved[], path: string): string[] {
    const flat = schemas.flatMap((schema) => this.branches(schema));
    if (Array.isArray(value)) {
      const items = flat.filter(({ node }) => node.items).map(({ node, file }) => this.resolve(file, node.items as Node));
      return items.length === 0 ? [] : value.flatMap((item, i) => this.undeclared(item, items, `${path}[${i}]`));
    }
    if (value === null || typeof value !== 'object') return [];
    const objects = flat.filter(({ node }) => node.properties || node.additionalProperties !== undefined || node.type === 'object');
    if (objects.length === 0 || objects.some(({ node }) => isOpen(node))) return [];
    const problems: string[] = [];
    for (const [key, child] of Object.entries(value)) {
      const declared = objects.flatMap(({ node, file }) => {
        const properties = (node.properties ?? {}) as Record<string, Node>;
        if (properties[key]) return [this.resolve(file, properties[key])];
        return isSchema(node.additionalProperties) ? [this.resolve(file, node.additionalProperties as Node)] : [];
      });
      if (declared.length === 0) problems.push(`${path}.${key} is not in the specification`);
      else problems.push(...this.undeclared(child, declared, `${path}.${key}`));
    }
    return problems;
  }

  /** A schema and every schema it composes, references resolved. */
  private branches(schema: Resolved, seen = new Set<Node>()): Resolved[] {
    const resolved = this.resolve(schema.file, schema.node);
    if (seen.has(resolved.node)) return [];
    seen.add(resolved.node);
    const composed = ['allOf', 'anyOf', 'oneOf'].flatMap((keyword) => (resolved.node[keyword] ?? []) as Node[]);
    return [resolved, ...composed.flatMap((node) => this.branches({ node, file: resolved.file }, seen))];
  }

  private resolve(file: string, node: Node): Resolved {
    const reference = node.$ref;
    if (typeof reference !== 'string') return { node, file };
    const [target, pointer = ''] = reference.split('#');
    const targetFile = referencedFile(file, target);
    let found: unknown = this.documents.get(targetFile);
    for (const segment of pointer.split('/').filter(Boolean)) found = (found as Node)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!found) throw new Error(`unresolved $ref ${reference} in ${file}`);
    return this.resolve(targetFile, found as Node);
  }

  /** The operation whose path template matches, the most literal one first (`/_aliases` before `/{index}`). */
  private operationFor(request: RecordedRequest): Operation | undefined {
    return this.operations
      .filter((operation) => operation.pattern.test(`${request.method} ${request.path}`))
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];
  }
}

interface Resolved {
  node: Node;
  file: string;
}

/**
 * OpenAPI objects are open, so the specification's oneOf branches overlap (`SortOptions` accepts any object of one
 * property, as `{ field: { order } }` also is): exclusivity cannot hold, and any matching branch is accepted.
 * Closedness is checked by `undeclared()` instead.
 */
function oneOfAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(oneOfAsAnyOf);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key === 'oneOf' ? 'anyOf' : key, oneOfAsAnyOf(value)]));
}

/** A query string value as text, and as the boolean, number or list it may stand for. */
function readings(value: string): unknown[] {
  const typed: unknown[] = [value, value.split(',')];
  if (value === 'true' || value === 'false') typed.push(value === 'true');
  if (value.trim() !== '' && Number.isFinite(Number(value))) typed.push(Number(value));
  return typed;
}

/** The file a $ref names, relative to the file it stands in; the same file when the $ref is only a pointer. */
function referencedFile(file: string, target: string | undefined): string {
  return target ? posix.normalize(posix.join(posix.dirname(file), target)) : file;
}

/** A copy whose $refs name their file, so the schema can be compiled apart from the document it sits in. */
function withAbsoluteReferences(node: unknown, file: string): Node {
  if (Array.isArray(node)) return node.map((item) => withAbsoluteReferences(item, file)) as unknown as Node;
  if (node === null || typeof node !== 'object') return node as Node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key !== '$ref' || typeof value !== 'string') return [key, withAbsoluteReferences(value, file)];
      const [target, pointer = ''] = value.split('#');
      return [key, `${BASE}${referencedFile(file, target)}#${pointer}`];
    }),
  );
}

function isSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Free-form: explicitly open, or an object schema that names no properties at all. */
function isOpen(node: Node): boolean {
  if (node.additionalProperties === true) return true;
  if (node.additionalProperties === undefined && node.type === 'object' && !node.properties && !node.allOf && !node.anyOf && !node.oneOf)
    return !node.propertyNames && !node.patternProperties;
  return false;
}

function yamlFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(root, path);
    return entry.name.endsWith('.yaml') ? [relative(root, path).split('\\').join('/')] : [];
  });
}
