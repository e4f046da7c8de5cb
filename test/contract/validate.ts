// Validates emulator (or client-fixture) responses against the vendored Auth0 OpenAPI subsets.
//
// The subsets are OpenAPI 3.1 documents, whose schemas are JSON Schema 2020-12, so they are
// checked with Ajv2020 in strict mode. Leniency is limited to what is OpenAPI-only:
//  - `$ref: "#/components/schemas/X"` points into the OpenAPI document, which is not a JSON
//    Schema; the component schemas are registered as the `$defs` of one schema per document and
//    the refs are rewritten to point there (same targets, nothing dropped).
//  - OpenAPI annotation keywords (`example`, `discriminator`, `xml`, `externalDocs`) and every
//    vendor extension `x-*` found in the documents are declared as annotation-only keywords:
//    they carry no validation meaning, and Ajv's strict mode would otherwise reject them.
//    (`discriminator` only helps code generators pick a oneOf branch; oneOf is still enforced.)
//  - OpenAPI 3.0's `nullable: true` (absent from these 3.1 documents, handled in case a newer
//    subset reintroduces it) is translated into its 3.1 meaning: 'null' is added to `type`.
//  - Auth0-specific string formats the documents name (e.g. "client-id", "cidr") are unknown
//    to ajv-formats and accepted as any string; standard formats (date-time, email, uri, ipv4,
//    ipv6, ...) are checked by ajv-formats.
// Ajv runs with strict: true; allowUnionTypes only permits `type: ["string", "null"]`, which is
// plain JSON Schema and how OpenAPI 3.1 spells nullable; strictRequired is off (see ajv()).
// One leniency is not OpenAPI's but a real tenant's: the recordings of a real tenant
// (../shared/auth0/recorded, FACTS.md "Recorded answers") send null for log event fields the
// published schemas type as strings or objects. Exactly those fields (RECORDED_NULL_LOG_FIELDS)
// also accept null, in the `Log` schema and in each event type's schema (`details` only in `Log`:
// the recorded null details are on seccft, which has no schema of its own); nothing else does.
// Error bodies, which the Management API subset describes in prose only, are checked against
// auth0-management-error.schema.json (written from FACTS.md).
// Tenant log events (GET /logs, GET /users/{id}/logs) are held twice: the Management API's `Log`
// schema (what the endpoints promise) and, per event `type`, the tenant log event schema in
// log-events.subset.json (what each kind of event carries: `sertft` needs `audience`,
// `srrt` needs `details.credential_id`...).
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import managementErrorSchema from './auth0-management-error.schema.json';
import authenticationSpec from './authentication-api.subset.json';
import logEventsSpec from './log-events.subset.json';
import managementSpec from './management-api-v2.subset.json';

export type ApiName = 'management' | 'authentication';
type DocumentName = ApiName | 'logEvents';

const SPECS: Record<DocumentName, { id: string; document: unknown }> = {
  management: { id: 'urn:auth0:management-api-v2', document: managementSpec },
  authentication: { id: 'urn:auth0:authentication-api', document: authenticationSpec },
  logEvents: { id: 'urn:auth0:tenant-log-events', document: logEventsSpec },
};

const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Copies a document, rewriting component refs and `nullable`; collects vendor keywords and formats. */
function prepare(value: Json, specId: string, found: { vendorKeywords: Set<string>; formats: Set<string> }): Json {
  if (Array.isArray(value)) {
    return value.map((item) => prepare(item, specId, found));
  }
  if (!isObject(value)) {
    return value;
  }
  const copy: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('x-')) {
      found.vendorKeywords.add(key);
    }
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
      copy.$ref = `${specId}#/$defs/${child.slice('#/components/schemas/'.length)}`;
    } else if (key === 'format' && typeof child === 'string') {
      found.formats.add(child);
      copy.format = child;
    } else if (key === 'nullable') {
      continue;
    } else {
      copy[key] = prepare(child, specId, found);
    }
  }
  if (value.nullable === true && copy.type !== undefined) {
    const types = Array.isArray(copy.type) ? copy.type : [copy.type];
    copy.type = types.includes('null') ? types : [...types, 'null'];
  }
  return copy;
}

/** Log event fields a real tenant was recorded sending as null (seccft, sapi, ss and fn events). */
export const RECORDED_NULL_LOG_FIELDS: readonly string[] = [
  'connection', 'connection_id', 'client_name', 'hostname', 'user_id', 'user_name', 'audience', 'scope',
  'strategy', 'strategy_type', 'organization_id', 'organization_name', 'details', 'location_info',
];

/**
 * Event types a real tenant was recorded sending among the ones this project reads, which
 * log-events.subset.json does not describe: such events are held to the `Log` schema alone.
 */
export const RECORDED_TYPES_WITHOUT_SCHEMA: readonly string[] = ['seccft', 'ss', 'fn'];

/** Lets `fields` of `schema.properties` be null too (see RECORDED_NULL_LOG_FIELDS). */
function allowNull(schema: Json | undefined, fields: readonly string[]): void {
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : undefined;
  if (properties === undefined) {
    return;
  }
  for (const field of fields) {
    if (properties[field] !== undefined) {
      properties[field] = { anyOf: [properties[field], { type: 'null' }] };
    }
  }
}

interface PreparedSpec {
  id: string;
  paths: Record<string, Json>;
}

let ajvInstance: Ajv2020 | undefined;
const preparedSpecs = new Map<DocumentName, PreparedSpec>();
const compiled = new Map<string, ValidateFunction>();

function ajv(): Ajv2020 {
  if (ajvInstance !== undefined) {
    return ajvInstance;
  }
  // strictRequired is Ajv's lint against `required` naming a property that `properties` does not
  // declare; that is valid JSON Schema, Auth0's CreateExportUsersResponseContent does it
  // (`connection`), and the requirement is still enforced.
  const instance = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  addFormats(instance);
  const found = { vendorKeywords: new Set<string>(), formats: new Set<string>() };
  const documents = (Object.keys(SPECS) as DocumentName[]).map((name) => {
    const { id, document } = SPECS[name];
    const prepared = prepare(document as Json, id, found) as Record<string, Json>;
    const components = prepared.components as Record<string, Json>;
    const schemas = components.schemas as Record<string, Json>;
    if (name === 'management') {
      allowNull(schemas.Log, RECORDED_NULL_LOG_FIELDS);
    } else if (name === 'logEvents') {
      Object.values(schemas).forEach((schema) => allowNull(schema, RECORDED_NULL_LOG_FIELDS.filter((field) => field !== 'details')));
    }
    preparedSpecs.set(name, { id, paths: (prepared.paths ?? {}) as Record<string, Json> });
    return { $id: id, $defs: components.schemas } as Record<string, Json>;
  });
  instance.addVocabulary([...OPENAPI_ANNOTATIONS, ...found.vendorKeywords]);
  for (const format of found.formats) {
    if (!instance.formats[format]) {
      instance.addFormat(format, true);
    }
  }
  documents.forEach((schema) => instance.addSchema(schema));
  instance.addSchema(managementErrorSchema, 'urn:auth0:management-error');
  ajvInstance = instance;
  return instance;
}

export interface ValidationResult {
  valid: boolean;
  /** Ajv's errors, one per line, with the failing instance path. */
  errors: string;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('\n');
}

function run(validate: ValidateFunction, body: unknown): ValidationResult {
  const valid = validate(body) as boolean;
  return { valid, errors: valid ? '' : describe(validate.errors) };
}

/** The JSON response schema the spec gives for one operation and status, or undefined when it gives none. */
export function responseSchemaOf(api: ApiName, method: string, pathTemplate: string, status: number): Json | undefined {
  ajv();
  const spec = preparedSpecs.get(api) as PreparedSpec;
  const operation = (spec.paths[pathTemplate] as Record<string, Json> | undefined)?.[method.toLowerCase()];
  if (!isObject(operation)) {
    throw new Error(`${api} API subset has no operation ${method.toUpperCase()} ${pathTemplate}`);
  }
  const responses = operation.responses as Record<string, Json>;
  const response = responses[String(status)];
  if (!isObject(response)) {
    throw new Error(`${api} API subset documents no ${status} for ${method.toUpperCase()} ${pathTemplate}`);
  }
  const content = response.content as Record<string, Record<string, Json>> | undefined;
  return content?.['application/json']?.schema;
}

/**
 * Validates a response body against the schema of `METHOD pathTemplate` for `status`.
 * Statuses the spec documents without content (202, most errors) expect no body, or for
 * Management API errors the Auth0 error body.
 */
export function validateResponse(api: ApiName, method: string, pathTemplate: string, status: number, body: unknown): ValidationResult {
  const schema = responseSchemaOf(api, method, pathTemplate, status);
  if (schema === undefined) {
    if (status >= 400 && api === 'management') {
      return validateManagementError(body, status);
    }
    return body === undefined || body === '' ? { valid: true, errors: '' } : { valid: false, errors: `expected no body for ${status}, got ${JSON.stringify(body).slice(0, 200)}` };
  }
  const cacheKey = `${api} ${method.toUpperCase()} ${pathTemplate} ${status}`;
  let validate = compiled.get(cacheKey);
  if (validate === undefined) {
    validate = ajv().compile(schema as object);
    compiled.set(cacheKey, validate);
  }
  return run(validate, body);
}

/** Auth0's Management API error body, with `statusCode` equal to the HTTP status. */
export function validateManagementError(body: unknown, status: number): ValidationResult {
  const result = run(ajv().getSchema('urn:auth0:management-error') as ValidateFunction, body);
  if (result.valid && isObject(body) && body.statusCode !== status) {
    return { valid: false, errors: `statusCode ${String(body.statusCode)} differs from the HTTP status ${status}` };
  }
  return result;
}

/** A validator for one named component schema, e.g. ('management', 'RefreshTokenResponseContent'). */
export function componentValidator(api: ApiName, schemaName: string): (body: unknown) => ValidationResult {
  const validate = ajv().getSchema(`${SPECS[api].id}#/$defs/${schemaName}`);
  if (validate === undefined) {
    throw new Error(`${api} API subset has no component schema ${schemaName}`);
  }
  return (body) => run(validate, body);
}

/** The JSON request-body schema the spec gives for one operation, or undefined when it takes no body. */
export function requestBodySchemaOf(api: ApiName, method: string, pathTemplate: string): Json | undefined {
  ajv();
  const spec = preparedSpecs.get(api) as PreparedSpec;
  const operation = (spec.paths[pathTemplate] as Record<string, Json> | undefined)?.[method.toLowerCase()];
  if (!isObject(operation)) {
    throw new Error(`${api} API subset has no operation ${method.toUpperCase()} ${pathTemplate}`);
  }
  const requestBody = operation.requestBody as Record<string, Json> | undefined;
  const content = requestBody?.content as Record<string, Record<string, Json>> | undefined;
  return content?.['application/json']?.schema;
}

/** Validates a request body (as a client sends it) against the operation's JSON request schema. */
export function validateRequestBody(api: ApiName, method: string, pathTemplate: string, body: unknown): ValidationResult {
  const schema = requestBodySchemaOf(api, method, pathTemplate);
  if (schema === undefined) {
    return body === undefined || body === '' ? { valid: true, errors: '' } : { valid: false, errors: `${method.toUpperCase()} ${pathTemplate} takes no body` };
  }
  const cacheKey = `${api} ${method.toUpperCase()} ${pathTemplate} request`;
  let validate = compiled.get(cacheKey);
  if (validate === undefined) {
    validate = ajv().compile(schema as object);
    compiled.set(cacheKey, validate);
  }
  return run(validate, body);
}

/**
 * Validates a request's query string (as the server decoded it) against the operation's query
 * parameters: each name must be one the operation declares, and each value, read as its schema's
 * type (integer, number, boolean or string), must match that schema (minimum, maximum, enum...).
 */
export function validateRequestQuery(api: ApiName, method: string, pathTemplate: string, query: Record<string, string>): ValidationResult {
  ajv();
  const spec = preparedSpecs.get(api) as PreparedSpec;
  const operation = (spec.paths[pathTemplate] as Record<string, Json> | undefined)?.[method.toLowerCase()];
  if (!isObject(operation)) {
    throw new Error(`${api} API subset has no operation ${method.toUpperCase()} ${pathTemplate}`);
  }
  const declared = new Map<string, Json>();
  for (const parameter of (operation.parameters ?? []) as Json[]) {
    if (isObject(parameter) && parameter.in === 'query' && typeof parameter.name === 'string') {
      declared.set(parameter.name, parameter.schema ?? {});
    }
  }
  const problems: string[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const schema = declared.get(name);
    if (schema === undefined) {
      problems.push(`${name}: not a query parameter of ${method.toUpperCase()} ${pathTemplate}`);
      continue;
    }
    const type = isObject(schema) ? schema.type : undefined;
    const value = type === 'integer' || type === 'number' ? (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw) : type === 'boolean' ? ({ true: true, false: false } as Record<string, boolean>)[raw] ?? raw : raw;
    const cacheKey = `${api} ${method.toUpperCase()} ${pathTemplate} query ${name}`;
    let validate = compiled.get(cacheKey);
    if (validate === undefined) {
      validate = ajv().compile(schema as object);
      compiled.set(cacheKey, validate);
    }
    const result = run(validate, value);
    if (!result.valid) {
      problems.push(`${name}=${raw}: ${result.errors}`);
    }
  }
  return { valid: problems.length === 0, errors: problems.join('\n') };
}

/** The event types log-events.subset.json has a schema for. */
export function logEventTypes(): string[] {
  ajv();
  return Object.keys((logEventsSpec as { components: { schemas: Record<string, unknown> } }).components.schemas);
}

/**
 * Validates one tenant log event against the schema of its `type` in log-events.subset.json
 * AND against the Management API's `Log` schema (the shape GET /logs promises). An event whose
 * type the subset does not describe is invalid here: the emulator only emits described events.
 */
export function validateLogEvent(event: unknown): ValidationResult {
  const type = isObject(event) ? event.type : undefined;
  if (typeof type === 'string' && RECORDED_TYPES_WITHOUT_SCHEMA.includes(type)) {
    // A type the subset has no schema for, but a real tenant sends: held to what the endpoint promises.
    return componentValidator('management', 'Log')(event);
  }
  if (typeof type !== 'string' || !logEventTypes().includes(type)) {
    return { valid: false, errors: `no log event schema for type ${JSON.stringify(type)}` };
  }
  const byType = run(ajv().getSchema(`${SPECS.logEvents.id}#/$defs/${type}`) as ValidateFunction, event);
  const asLog = componentValidator('management', 'Log')(event);
  return byType.valid && asLog.valid ? byType : { valid: false, errors: [byType.errors, asLog.errors].filter(Boolean).join('\n') };
}

/** Throws an Error listing every schema violation. */
export function assertValidResponse(api: ApiName, method: string, pathTemplate: string, status: number, body: unknown): void {
  const result = validateResponse(api, method, pathTemplate, status, body);
  if (!result.valid) {
    throw new Error(`${method.toUpperCase()} ${pathTemplate} ${status} does not match the ${api} API schema:\n${result.errors}`);
  }
}
