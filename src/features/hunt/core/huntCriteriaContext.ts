// The hunt's criteria read against what a tenant's model knows. Application names are resolved
// one client id at a time as token rows are drawn, so on a fresh window the model knows few or
// none: a name typed into the form that is not known yet makes the model load the tenant's
// application list (once), and the criteria are parsed again. Only the hunt uses this, so it
// lives in the hunt's lazily loaded bundle, not in the model the tree loads at activation.
import { isManagementApiError } from '../../../auth0/errors';
import { FINDING_KINDS } from '../../../findings/finding';
import { parseCriteria, unknownApplicationNames, type CriteriaInput, type CriteriaParseContext, type CriteriaParseResult } from './criteriaParser';
import type { ApplicationList, TenantModel } from '../../../model/tenantModel';

/** Why the tenant's application list is not there to resolve names; undefined when it loaded (or was not asked for). */
export function unlistedReason(list: ApplicationList | undefined, failure?: unknown): string | undefined {
  if (list?.state === 'refused') {
    return isManagementApiError(list.error, 'insufficient-scope')
      ? "the token lacks read:clients (or read:client_summary) to list the tenant's applications"
      : "Auth0 refused to list the tenant's applications";
  }
  // The failure's own message may carry Auth0's text; the request log has it, this sentence need not.
  return failure === undefined ? undefined : "the tenant's applications could not be listed just now";
}

/**
 * What the parser needs from the model now, without a request: `now` (epoch ms), every
 * application name known so far (from token rows, or the whole list once loaded), why the list
 * is missing when it was refused, and the finding kinds.
 */
export function huntParseContext(model: TenantModel, now: number, failure?: unknown): CriteriaParseContext {
  return {
    now,
    applications: [...model.client.knownClientNames()].map(([clientId, name]) => ({ clientId, name })),
    unlistedReason: unlistedReason(model.applicationList, failure),
    findingKinds: FINDING_KINDS,
  };
}

/**
 * Parses the hunt's criteria. When the Applications field holds a name that is not known yet and
 * the tenant's list was not asked for, loads it first (`GET /api/v2/clients`, foreground: a
 * person is waiting) through the model, which remembers the outcome, then parses with it. A
 * list that cannot be had (a 403 for want of read:clients / read:client_summary, or a failure)
 * leaves the names known so far, and the error for the unknown name says why. Resolves with the
 * result and the context it was parsed with (its `applications` feed the form's hint); never
 * rejects.
 */
export async function parseHuntCriteria(input: CriteriaInput, model: TenantModel, now: number): Promise<{ parsed: CriteriaParseResult; context: CriteriaParseContext }> {
  let context = huntParseContext(model, now);
  if (model.applicationList === undefined && unknownApplicationNames(input.applications ?? '', context.applications).length > 0) {
    let failure: unknown;
    await model.loadApplicationList({ priority: 'foreground' }).catch((error: unknown) => void (failure = error));
    context = huntParseContext(model, now, failure);
  }
  return { parsed: parseCriteria(input, context), context };
}
