// POST /jobs/users-exports and GET /jobs/{id}: exports of every user, beyond the 1,000-result
// cap of GET /users. The body rules follow CreateExportUsersRequestContent.
import type { UsersExportField } from '../../../src/auth0/types';
import { errors, type EmulatorResponse } from '../errors';
import type { ExportRequest } from '../exports';
import type { ApiCall, HandlerContext } from './context';
import { isPlainObject } from './refreshTokens';

const KEYS = new Set(['connection_id', 'format', 'limit', 'fields']);
const FIELD_KEYS = new Set(['name', 'export_as']);

function fieldsOf(value: unknown): UsersExportField[] | EmulatorResponse {
  if (!Array.isArray(value)) {
    return errors.invalidBody('Expected type array', 'fields');
  }
  const fields: UsersExportField[] = [];
  for (const [index, field] of value.entries()) {
    if (!isPlainObject(field) || typeof field.name !== 'string' || field.name === '' || field.name.length > 100) {
      return errors.invalidBody('Each field needs a name of 1 to 100 characters', `fields[${index}]`);
    }
    if (Object.keys(field).some((key) => !FIELD_KEYS.has(key))) {
      return errors.invalidBody('Additional properties not allowed', `fields[${index}]`);
    }
    if (field.export_as !== undefined && (typeof field.export_as !== 'string' || field.export_as.length > 100)) {
      return errors.invalidBody('export_as is a string of at most 100 characters', `fields[${index}].export_as`);
    }
    fields.push({ name: field.name, ...(typeof field.export_as === 'string' ? { export_as: field.export_as } : {}) });
  }
  return fields;
}

export function createUsersExport({ body }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const payload = body === undefined ? {} : body;
  if (!isPlainObject(payload)) {
    return errors.invalidBody('Expected type object');
  }
  const unknown = Object.keys(payload).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) {
    return errors.invalidBody(`Additional properties not allowed: ${unknown.join(',')}`);
  }
  const format = payload.format ?? 'csv';
  if (format !== 'json' && format !== 'csv') {
    return errors.invalidBody(`No enum match for: ${JSON.stringify(format)}`, 'format');
  }
  const request: ExportRequest = { format };
  if (payload.limit !== undefined) {
    if (typeof payload.limit !== 'number' || !Number.isInteger(payload.limit) || payload.limit < 1) {
      return errors.invalidBody('Expected an integer of at least 1', 'limit');
    }
    request.limit = payload.limit;
  }
  if (payload.fields !== undefined) {
    const fields = fieldsOf(payload.fields);
    if (!Array.isArray(fields)) {
      return fields;
    }
    request.fields = fields;
  }
  if (payload.connection_id !== undefined) {
    const id = payload.connection_id;
    if (typeof id !== 'string' || !/^con_[A-Za-z0-9]{16}$/.test(id)) {
      return errors.invalidBody('String does not match pattern ^con_[A-Za-z0-9]{16}$', 'connection_id');
    }
    const name = ctx.store.connections().find((connection) => ctx.store.connectionId(connection) === id);
    if (name === undefined) {
      return errors.badRequest('The connection does not exist');
    }
    request.connection = { id, name };
  }
  const active = ctx.exports.activeJobs();
  if (active >= ctx.exports.maxActiveJobs) {
    return errors.tooManyActiveJobs(active);
  }
  return { status: 200, json: ctx.exports.create(request) };
}

export function getJob({ params }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const job = ctx.exports.get(params.id);
  return job === undefined ? errors.jobNotFound() : { status: 200, json: job };
}
