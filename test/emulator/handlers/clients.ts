// GET /clients/{id}: the extension resolves application names with ?fields=name,client_id.
import { clientResponse } from '../data/clients';
import { errors, type EmulatorResponse } from '../errors';
import { projectFields } from '../queryParams';
import type { ApiCall, HandlerContext } from './context';

export function getClient({ params, query }: ApiCall, ctx: HandlerContext): EmulatorResponse {
  const client = ctx.store.client(params.id);
  if (client === undefined || client.deleted) {
    return errors.clientNotFound();
  }
  const projected = projectFields(clientResponse(client, ctx.tenantName), query);
  return projected.ok ? { status: 200, json: projected.value } : projected.response;
}
