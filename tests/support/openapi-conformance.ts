/**
 * Checks HTTP exchanges against GitHub's official REST description (@octokit/openapi, cut to the
 * operations we use by scripts/github-openapi-cut.mjs): a request must be an operation GitHub has,
 * with path and query parameters of the described types and enums, no parameter GitHub does not
 * know, and a JSON body that matches the request schema; a reply must match the schema GitHub
 * documents for its status.
 *
 * The description is OpenAPI 3.0: schemas are JSON Schema draft-07 plus `nullable`, which Ajv
 * cannot take as is next to `enum` or `allOf`. Every schema is therefore converted once: a
 * `nullable: true` schema becomes `anyOf: [{ type: null }, <schema>]`, and `#/components/...`
 * references point into one registered components document. Compiled validators are cached for
 * the life of the process, so each schema is compiled once however many fakes run.
 *
 * `POST /graphql` is outside the REST description; it is checked by hand (a `query` string,
 * optional `variables` and `operationName`; a reply with `data` or `errors`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const CUT_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'github-openapi-cut.json');

type Json = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Json;
}

interface MediaType {
  schema?: Json;
}

interface ResponseObject {
  content?: Record<string, MediaType>;
}

interface RawOperation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, MediaType> } | { $ref: string };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

interface CutDocument {
  info: { version: string; 'x-source': { package: string } };
  paths: Record<string, Record<string, RawOperation>>;
  components: {
    schemas: Record<string, Json>;
    parameters?: Record<string, Parameter>;
    responses?: Record<string, ResponseObject>;
    requestBodies?: Record<string, NonNullable<RawOperation['requestBody']>>;
  };
}

export interface Operation {
  operationId: string;
  method: string;
  /** The path template as GitHub's description spells it, e.g. `/repos/{owner}/{repo}/issues`. */
  template: string;
  raw: RawOperation;
}

export interface ExchangeRequest {
  method: string;
  /** Absolute or origin-relative URL with query string, as the client sent it. */
  url: URL;
  /** Parsed JSON body; `undefined` when the request had none. */
  body: unknown;
  contentType?: string;
}

export interface RequestCheck {
  /** The matched operation, or undefined when the request is no operation of the description. */
  operation: Operation | undefined;
  violations: string[];
}

/**
 * Places where GitHub's description disagrees with what api.github.com answers. The fake copies
 * GitHub, so each correction is applied to the schema before validation, with the evidence.
 */
const ERRATA: Array<{ schema: string; property: string; why: string }> = [
  {
    schema: 'pull-request-review-comment',
    property: 'position',
    why: 'null on outdated comments (github/rest-api-description#1901, #5568)',
  },
  {
    schema: 'pull-request-review-comment',
    property: 'line',
    why: 'null on outdated comments, like position: the comment no longer maps onto the head diff',
  },
];

const COMPONENTS_ID = 'https://api.github.com/isms-as-code/openapi-cut/components';

let loaded: { document: CutDocument; ajv: Ajv; operations: Operation[] } | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const document = JSON.parse(readFileSync(CUT_PATH, 'utf8')) as CutDocument;
  for (const { schema, property } of ERRATA) {
    const properties = document.components.schemas[schema]?.properties as Record<string, Json> | undefined;
    const target = properties?.[property];
    if (!target) throw new Error(`openapi-conformance: erratum for ${schema}.${property} matches nothing in the cut`);
    target.nullable = true;
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // OpenAPI's numeric formats and GitHub's `timestamp` (Unix seconds) are size hints on numbers.
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && Math.abs(value) <= 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('timestamp', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= 0 });
  ajv.addSchema(
    { $id: COMPONENTS_ID, components: { schemas: mapValues(document.components.schemas, toJsonSchema) } },
    COMPONENTS_ID,
  );
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      operations.push({ operationId: raw.operationId, method: method.toUpperCase(), template, raw });
    }
  }
  loaded = { document, ajv, operations };
  return loaded;
}

/** Which description the checks use, for messages: `@octokit/openapi@23.0.2`. */
export function descriptionName(): string {
  return load().document.info['x-source'].package;
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** OpenAPI 3.0 schema → JSON Schema draft-07, walking only positions that hold schemas. */
function toJsonSchema(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith('#/components/schemas/')) throw new Error(`openapi-conformance: unsupported schema $ref ${value}`);
      out.$ref = `${COMPONENTS_ID}${value}`;
    } else if (key === 'properties' || key === 'patternProperties') out[key] = mapValues(value as Json, toJsonSchema);
    else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') out[key] = (value as unknown[]).map(toJsonSchema);
    else if (key === 'items' || key === 'additionalProperties' || key === 'not') out[key] = toJsonSchema(value);
    else out[key] = value;
  }
  return (schema as Json).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

/**
 * GitHub ignores body properties it does not know, so a misspelt field fails silently there.
 * Request schemas are closed (no properties beyond the described ones) to catch that here;
 * `allOf` parts are left open, since closing one part would reject the other parts' properties.
 */
function closed(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Json = { ...(schema as Json) };
  if (out.properties !== undefined) {
    out.properties = mapValues(out.properties as Json, closed);
    out.additionalProperties ??= false;
  }
  if (out.items !== undefined) out.items = closed(out.items);
  for (const key of ['oneOf', 'anyOf'] as const) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(closed);
  return out;
}

function resolve<T>(value: T | { $ref: string }): T {
  if (typeof value === 'object' && value !== null && '$ref' in value && typeof value.$ref === 'string') {
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(value.$ref);
    const kinds = load().document.components as unknown as Record<string, Record<string, unknown> | undefined>;
    const target = match ? kinds[match[1] ?? '']?.[match[2] ?? ''] : undefined;
    if (target === undefined) throw new Error(`openapi-conformance: cannot resolve ${value.$ref}`);
    return resolve(target as T | { $ref: string });
  }
  return value as T;
}

function validator(key: string, schema: () => unknown): ValidateFunction {
  let compiled = validators.get(key);
  if (!compiled) {
    compiled = load().ajv.compile(toJsonSchema(schema()) as Json);
    validators.set(key, compiled);
  }
  return compiled;
}

/** Ajv's errors as short lines: `/labels/0 must be string`, `unknown property "assignes"`. */
function describeErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  const all = errors ?? [];
  // A nullable value that is wrong also fails the `null` branch and the anyOf around it; those
  // two lines add nothing when the real complaint is there.
  const meaningful = all.filter((error) => !(error.keyword === 'type' && error.params.type === 'null') && error.keyword !== 'anyOf');
  const lines: string[] = [];
  // The same mistake in every item of a list is one line, named by its first item.
  const seen = new Set<string>();
  for (const error of meaningful.length > 0 ? meaningful : all) {
    const general = `${error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*')} ${error.keyword} ${JSON.stringify(error.params)}`;
    if (seen.has(general)) continue;
    seen.add(general);
    const at = `${where}${error.instancePath}`;
    if (error.keyword === 'additionalProperties') {
      lines.push(`${at}: unknown ${where.startsWith('query') || where.startsWith('path') ? 'parameter' : 'property'} "${String(error.params.additionalProperty)}"`);
    } else if (error.keyword === 'enum') {
      lines.push(`${at} must be one of ${JSON.stringify(error.params.allowedValues)}`);
    } else {
      lines.push(`${at} ${error.message ?? error.keyword}`);
    }
  }
  // anyOf/oneOf report every branch; the first few lines say enough to find the field.
  const unique = [...new Set(lines)];
  return unique.length > 6 ? [...unique.slice(0, 6), `… and ${unique.length - 6} more`] : unique;
}

function segments(template: string): string[] {
  return template.split('/').slice(1);
}

/** Literal segments win over parameters, earliest first: `/issues/comments/{id}` beats `/issues/{n}/…`. */
function moreSpecific(a: Operation, b: Operation): number {
  const sa = segments(a.template);
  const sb = segments(b.template);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = sa[i]?.startsWith('{') ?? false;
    const pb = sb[i]?.startsWith('{') ?? false;
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

/** Path parameters by name, or undefined when the path is not this template's. */
function matchTemplate(template: string, pathname: string): Record<string, string> | undefined {
  const wanted = segments(template);
  const actual = pathname.split('/').slice(1);
  const values: Record<string, string> = {};
  for (let i = 0; i < wanted.length; i++) {
    const part = wanted[i] ?? '';
    const param = /^\{(.+)\}$/.exec(part)?.[1];
    // GitHub's `{path}` (contents API) is the rest of the path, slashes included.
    if (param === 'path' && i === wanted.length - 1) {
      const rest = actual.slice(i).join('/');
      if (rest.length === 0) return undefined;
      values[param] = decodeURIComponent(rest);
      return values;
    }
    const value = actual[i];
    if (value === undefined || value.length === 0) return undefined;
    if (param !== undefined) values[param] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return actual.length === wanted.length ? values : undefined;
}

/** Query and path values are strings on the wire; read them as the schema's type says. */
function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function parametersOf(operation: Operation, where: 'path' | 'query'): Parameter[] {
  return (operation.raw.parameters ?? []).map((parameter) => resolve<Parameter>(parameter)).filter((parameter) => parameter.in === where);
}

function checkParameters(operation: Operation, where: 'path' | 'query', values: Record<string, unknown>): string[] {
  const validate = validator(`${operation.operationId} ${where}`, () => {
    const parameters = parametersOf(operation, where);
    return {
      type: 'object',
      properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema ?? {}])),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
      additionalProperties: false,
    };
  });
  return validate(values) ? [] : describeErrors(validate.errors, where);
}

function jsonMedia(content: Record<string, MediaType> | undefined): [string, MediaType] | undefined {
  const entries = Object.entries(content ?? {});
  return entries.find(([type]) => type === 'application/json') ?? entries.find(([type]) => /[/+]json$/.test(type));
}

function checkGraphqlRequest(request: ExchangeRequest): string[] {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body must be a JSON object with a "query" string'];
  const violations: string[] = [];
  const { query, variables, operationName, ...rest } = body as Json;
  if (typeof query !== 'string' || query.trim().length === 0) violations.push('body/query must be a non-empty string');
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) {
    violations.push('body/variables must be an object');
  }
  if (operationName !== undefined && typeof operationName !== 'string') violations.push('body/operationName must be a string');
  for (const key of Object.keys(rest)) violations.push(`body: unknown property "${key}"`);
  return violations;
}

function checkGraphqlResponse(status: number, body: unknown): string[] {
  if (status >= 400) return [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['body must be a JSON object'];
  const { data, errors } = body as Json;
  if (data === undefined && errors === undefined) return ['body must have "data" or "errors"'];
  if (data !== undefined && data !== null && typeof data !== 'object') return ['body/data must be an object or null'];
  if (errors !== undefined && !(Array.isArray(errors) && errors.every((error) => typeof (error as Json | null)?.message === 'string'))) {
    return ['body/errors must be a list of objects with a "message" string'];
  }
  return [];
}

const GRAPHQL: Operation = {
  operationId: 'graphql',
  method: 'POST',
  template: '/graphql',
  raw: { operationId: 'graphql', responses: {} },
};

/** Finds the operation a request is and checks its method, parameters and body. */
export function checkRequest(request: ExchangeRequest): RequestCheck {
  const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase();
  const pathname = request.url.pathname;
  if (pathname === '/graphql') {
    if (method !== 'POST') return { operation: undefined, violations: [`GraphQL takes POST, not ${method}`] };
    return { operation: GRAPHQL, violations: checkGraphqlRequest(request) };
  }
  const { operations } = load();
  const candidates = operations
    .map((operation) => ({ operation, params: matchTemplate(operation.template, pathname) }))
    .filter((candidate): candidate is { operation: Operation; params: Record<string, string> } => candidate.params !== undefined)
    .sort((a, b) => moreSpecific(a.operation, b.operation));
  const found = candidates.find((candidate) => candidate.operation.method === method);
  if (!found) {
    const others = [...new Set(candidates.map((candidate) => `${candidate.operation.method} ${candidate.operation.template}`))];
    return {
      operation: undefined,
      violations: [
        others.length > 0
          ? `${method} is not an operation on this path; the description has ${others.join(', ')}`
          : `no operation in ${descriptionName()} matches this path among the ones this project uses (scripts/github-openapi-cut.mjs lists them)`,
      ],
    };
  }
  const { operation, params } = found;
  const violations: string[] = [];

  const pathSchemas = new Map(parametersOf(operation, 'path').map((parameter) => [parameter.name, parameter.schema]));
  const typedPath = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, coerce(value, pathSchemas.get(name))]));
  violations.push(...checkParameters(operation, 'path', typedPath));

  const querySchemas = new Map(parametersOf(operation, 'query').map((parameter) => [parameter.name, parameter.schema]));
  const query: Record<string, unknown> = {};
  for (const name of new Set(request.url.searchParams.keys())) {
    const values = request.url.searchParams.getAll(name);
    const schema = querySchemas.get(name);
    if (schema?.type === 'array') query[name] = values.map((value) => coerce(value, schema.items as Json | undefined));
    else if (values.length > 1) violations.push(`query/${name}: given ${values.length} times; GitHub reads one value`);
    else query[name] = coerce(values[0] ?? '', schema);
  }
  violations.push(...checkParameters(operation, 'query', query));

  const requestBody = operation.raw.requestBody === undefined ? undefined : resolve(operation.raw.requestBody);
  if (request.body === undefined) {
    if (requestBody?.required) violations.push('body: required, none sent');
  } else if (!requestBody) {
    violations.push(`body: ${operation.operationId} takes no request body`);
  } else {
    const media = jsonMedia(requestBody.content);
    if (!media) violations.push(`body: ${operation.operationId} takes no JSON body`);
    else {
      if (request.contentType !== undefined && !/^application\/(.+\+)?json\b/i.test(request.contentType)) {
        violations.push(`content-type "${request.contentType}" is not JSON`);
      }
      const validate = validator(`${operation.operationId} request`, () => closed(media[1].schema ?? {}));
      if (!validate(request.body)) violations.push(...describeErrors(validate.errors, 'body'));
    }
  }
  return { operation, violations };
}

/**
 * Checks a reply against the schema GitHub documents for its status. Error statuses the
 * description leaves out (it omits most 401s, 403s and 5xx) must still have GitHub's error shape.
 * `body` is the parsed JSON, or undefined for an empty reply.
 */
export function checkResponse(operation: Operation, status: number, body: unknown): string[] {
  if (operation === GRAPHQL) return checkGraphqlResponse(status, body);
  const responses = operation.raw.responses;
  const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!documented) {
    if (status < 400) {
      return [`status ${status} is not a documented reply of ${operation.operationId} (documented: ${Object.keys(responses).join(', ')})`];
    }
    const validate = validator('basic-error', () => ({ $ref: '#/components/schemas/basic-error' }));
    return validate(body) ? [] : describeErrors(validate.errors, 'body');
  }
  const media = jsonMedia(resolve(documented).content);
  if (!media) {
    return body === undefined ? [] : [`status ${status} of ${operation.operationId} has no body in the description, but one was sent`];
  }
  if (body === undefined) return [`status ${status} of ${operation.operationId} has a JSON body in the description, but none was sent`];
  const validate = validator(`${operation.operationId} ${status}`, () => media[1].schema ?? {});
  return validate(body) ? [] : describeErrors(validate.errors, 'body');
}
