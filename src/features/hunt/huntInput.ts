// The "Hunt Refresh Tokens…" form, as a multi-step input: (1) which users (a Lucene query, all
// users through a users export, pasted ids, or a file), (2) what to look for, as a list of
// criteria the person fills in one at a time (each checked as typed), then "Start Hunt". Also
// the same request given as a command argument (automation and tests), checked the same way.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { FINDING_KIND_LABELS, FINDING_KINDS } from '../../findings/finding';
import { describeCriteria, type HuntCriteria } from './core/criteria';
import { parseCriteria, type CriteriaField, type CriteriaInput, type CriteriaParseContext } from './core/criteriaParser';
import { parseUserList, type HuntUser } from './core/userSources';
import { huntParseContext, parseHuntCriteria } from './core/huntCriteriaContext';
import type { TenantModel } from '../../model/tenantModel';
import { safeLabel } from '../../presentation/plainText';

/** Which users a new hunt visits. */
export type UserChoice = { kind: 'query'; query: string } | { kind: 'all-users' } | { kind: 'list'; users: HuntUser[]; label: string };

export interface HuntRequest {
  users: UserChoice;
  criteria: HuntCriteria;
}

/** The command's argument for automation: `users` as below, `criteria` as typed into the form. */
export interface HuntArguments {
  users: { kind: 'query'; query: string } | { kind: 'all-users' } | { kind: 'list'; ids: string[]; label?: string };
  criteria?: CriteriaInput;
}

/**
 * Checks a command argument; rejects with an Error naming what is wrong (a person reads it as a
 * notification). An application name not known yet loads the tenant's application list first.
 */
export async function requestFromArguments(args: unknown, model: TenantModel, now = Date.now()): Promise<HuntRequest> {
  const value = args as Partial<HuntArguments> | null;
  const users = value?.users;
  let choice: UserChoice;
  if (users?.kind === 'query' && typeof users.query === 'string' && users.query.trim() !== '') {
    choice = { kind: 'query', query: users.query.trim() };
  } else if (users?.kind === 'all-users') {
    choice = { kind: 'all-users' };
  } else if (users?.kind === 'list' && Array.isArray(users.ids)) {
    const parsed = parseUserList(users.ids.filter((id): id is string => typeof id === 'string').join('\n'));
    if (parsed.problems.length > 0 || parsed.users.length === 0) {
      throw new Error(parsed.problems[0] ? `User list, line ${parsed.problems[0].line}: ${parsed.problems[0].message}` : 'The user list is empty.');
    }
    choice = { kind: 'list', users: parsed.users, label: typeof users.label === 'string' && users.label ? users.label : 'a list' };
  } else {
    throw new Error('Say which users to hunt: {kind: "query", query}, {kind: "all-users"} or {kind: "list", ids}.');
  }
  const { parsed } = await parseHuntCriteria(value?.criteria ?? {}, model, now);
  if (!parsed.ok) {
    throw new Error(parsed.errors.map((error) => error.message).join(' '));
  }
  return { users: choice, criteria: parsed.criteria };
}

interface FieldSpec {
  field: CriteriaField;
  label: string;
  prompt: string;
  placeHolder: string;
}

const FIELDS: readonly FieldSpec[] = [
  { field: 'applications', label: 'Applications', prompt: 'Application names or client IDs, separated by commas (quote a name holding a comma).', placeHolder: 'Acme Web, Acme iOS' },
  { field: 'network', label: 'IP, CIDR or ASN', prompt: 'IP addresses, CIDR ranges (IPv4 or IPv6) or ASNs, separated by commas or spaces.', placeHolder: '203.0.113.0/24, 2001:db8::/32, AS7922' },
  { field: 'deviceSide', label: 'Device record', prompt: 'Which device record the device criteria read.', placeHolder: 'either' },
  { field: 'userAgent', label: 'User agent contains', prompt: 'Text the raw user agent contains (any case).', placeHolder: 'python-requests' },
  { field: 'product', label: 'Browser or app', prompt: 'The browser or app as the tree names it: whole leading words.', placeHolder: 'Chrome 126' },
  { field: 'os', label: 'Operating system', prompt: 'The operating system as the tree names it: whole leading words.', placeHolder: 'iOS' },
  { field: 'created', label: 'Created', prompt: '2026-05-01..2026-05-31, since 2026-05-01, before 2026-06-01, last 7 days, 2026-05-14.', placeHolder: 'last 30 days' },
  { field: 'lastUsed', label: 'Last used', prompt: 'As for Created: a range of days, or a span back from now.', placeHolder: 'last 7 days' },
  { field: 'findings', label: 'Findings', prompt: 'Finding kinds.', placeHolder: 'device-changed' },
];

const SIDES = [
  { label: 'either', description: 'the first or the last device record (one of them matches every device criterion)' },
  { label: 'initial', description: 'where the token was issued' },
  { label: 'last', description: 'where it was last exchanged' },
];

type UsersItem = vscode.QuickPickItem & { choice: 'query' | 'all-users' | 'paste' | 'file' };

/** Splits pasted text into ids: commas, semicolons, line breaks and blanks separate. */
function pastedIds(text: string): string {
  return text.split(/[\s,;]+/).filter((part) => part !== '').join('\n');
}

async function askUsers(title: string): Promise<UserChoice | undefined> {
  const items: UsersItem[] = [
    { label: '$(search) Users matching a query…', description: 'Lucene: app_metadata.team:"sales", last_ip:"203.0.113.7"; at most 1,000 users', choice: 'query' },
    { label: '$(organization) All users', description: 'a users export: every user of the tenant, beyond the 1,000-result cap', choice: 'all-users' },
    { label: '$(clippy) Paste user IDs…', description: 'separated by commas, spaces or lines', choice: 'paste' },
    { label: '$(file) User IDs from a file…', description: 'one id a line, or an Auth0 users export (JSON lines)', choice: 'file' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${title} (1/2): which users?`, ignoreFocusOut: true });
  switch (picked?.choice) {
    case undefined:
      return undefined;
    case 'all-users':
      return { kind: 'all-users' };
    case 'query': {
      const query = await vscode.window.showInputBox({
        title: `${title} (1/2): users matching`,
        prompt: vscode.l10n.t('A Lucene query over the users (search_engine v3). Auth0 lists at most the first 1,000 users it finds.'),
        placeHolder: 'app_metadata.team:"sales"',
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('Type a query, or go back and choose All users.') : undefined),
      });
      return query === undefined ? undefined : { kind: 'query', query: query.trim() };
    }
    case 'paste': {
      const check = (text: string) => {
        const parsed = parseUserList(pastedIds(text));
        return parsed.problems[0] ? vscode.l10n.t('Id {0}: {1}', parsed.problems[0].line, parsed.problems[0].message) : parsed.users.length === 0 ? vscode.l10n.t('Paste at least one user id.') : undefined;
      };
      const text = await vscode.window.showInputBox({
        title: `${title} (1/2): user IDs`,
        prompt: vscode.l10n.t('User IDs separated by commas, spaces or lines (an id holding a space goes in a file).'),
        placeHolder: 'auth0|64f1…, google-oauth2|1180…',
        ignoreFocusOut: true,
        validateInput: check,
      });
      if (text === undefined) {
        return undefined;
      }
      return { kind: 'list', users: parseUserList(pastedIds(text)).users, label: 'a pasted list' };
    }
    case 'file': {
      const [uri] = (await vscode.window.showOpenDialog({ title: `${title}: a file of user IDs`, canSelectMany: false, openLabel: vscode.l10n.t('Hunt These Users') })) ?? [];
      if (!uri) {
        return undefined;
      }
      const parsed = parseUserList(uri.scheme === 'file' ? await readFile(uri.fsPath, 'utf8') : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      const name = uri.path.split('/').pop() || 'a file';
      if (parsed.users.length === 0) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} holds no user id{1}', name, parsed.problems[0] ? ` (line ${parsed.problems[0].line}: ${parsed.problems[0].message})` : '.'));
        return undefined;
      }
      if (parsed.problems.length > 0) {
        const go = vscode.l10n.t('Hunt the Others');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} lines of {1} are not user ids (line {2}: {3}).', parsed.problems.length, name, parsed.problems[0].line, parsed.problems[0].message),
          { modal: true },
          go,
        );
        if (answer !== go) {
          return undefined;
        }
      }
      return { kind: 'list', users: parsed.users, label: name };
    }
  }
}

type CriteriaItem = vscode.QuickPickItem & { field?: CriteriaField; start?: true };

/** How many application names the Applications field's hint shows. */
const HINT_NAMES = 12;

/** The Applications field's prompt: what to type, and the names known here (the tenant's, once listed). */
function applicationsPrompt(spec: FieldSpec, context: CriteriaParseContext): string {
  const known = (context.applications ?? []).map((app) => app.name).filter((name): name is string => !!name);
  if (known.length === 0) {
    return spec.prompt;
  }
  const shown = known.slice(0, HINT_NAMES).map((name) => safeLabel(name)).join(', ');
  const hint = known.length > HINT_NAMES ? vscode.l10n.t('Known here: {0} and {1} more.', shown, known.length - HINT_NAMES) : vscode.l10n.t('Known here: {0}.', shown);
  return `${spec.prompt} ${hint}`;
}

/**
 * The Applications field. A name not known yet loads the tenant's application list while the
 * person types (see parseHuntCriteria); an input box made with createInputBox, unlike
 * showInputBox, can then show the tenant's applications in its hint at once.
 */
function askApplications(spec: FieldSpec, input: CriteriaInput, model: TenantModel, now: number, title: string): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = `${title}: ${spec.label}`;
  box.prompt = applicationsPrompt(spec, huntParseContext(model, now));
  box.placeholder = spec.placeHolder;
  box.value = input.applications ?? '';
  box.ignoreFocusOut = true;
  let latest = 0;
  // Checks run one per keystroke and may wait for the list: only the latest one is shown.
  const check = async (text: string): Promise<string | undefined> => {
    const ticket = ++latest;
    box.busy = true;
    const { parsed, context } = await parseHuntCriteria({ applications: text }, model, now);
    const message = parsed.ok ? undefined : parsed.errors.map((error) => error.message).join(' ');
    if (ticket === latest) {
      box.busy = false;
      box.prompt = applicationsPrompt(spec, context);
      box.validationMessage = message;
    }
    return message;
  };
  return new Promise((resolve) => {
    const subscriptions = [
      box.onDidChangeValue((text) => void check(text)),
      box.onDidAccept(async () => {
        const text = box.value;
        if ((await check(text)) === undefined && box.value === text) {
          resolve(text);
          box.hide();
        }
      }),
      box.onDidHide(() => {
        resolve(undefined);
        subscriptions.forEach((subscription) => subscription.dispose());
        box.dispose();
      }),
    ];
    void check(box.value);
    box.show();
  });
}

async function askField(spec: FieldSpec, input: CriteriaInput, model: TenantModel, now: number, title: string): Promise<string | undefined> {
  if (spec.field === 'applications') {
    return askApplications(spec, input, model, now, title);
  }
  if (spec.field === 'deviceSide') {
    const side = await vscode.window.showQuickPick(SIDES, { title: `${title}: ${spec.label}`, placeHolder: spec.prompt, ignoreFocusOut: true });
    return side?.label;
  }
  if (spec.field === 'findings') {
    const current = new Set((input.findings ?? '').split(/[,\s]+/));
    const kinds = await vscode.window.showQuickPick(
      FINDING_KINDS.map((finding) => ({ label: FINDING_KIND_LABELS[finding], description: finding, finding, picked: current.has(finding) })),
      { title: `${title}: ${spec.label}`, placeHolder: vscode.l10n.t('Tokens with any of these findings (from the tokens\' own fields)'), canPickMany: true, ignoreFocusOut: true },
    );
    return kinds?.map((item) => item.finding).join(', ');
  }
  const context = huntParseContext(model, now);
  return vscode.window.showInputBox({
    title: `${title}: ${spec.label}`,
    prompt: spec.prompt,
    placeHolder: spec.placeHolder,
    value: input[spec.field] ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseCriteria({ [spec.field]: text }, context);
      return parsed.ok ? undefined : parsed.errors.map((error) => error.message).join(' ');
    },
  });
}

async function askCriteria(title: string, model: TenantModel, now: number): Promise<HuntCriteria | undefined> {
  const input: CriteriaInput = {};
  for (;;) {
    const { parsed } = await parseHuntCriteria(input, model, now);
    const summary = parsed.ok ? describeCriteria(parsed.criteria, (id) => model.applicationName(id)) : parsed.errors.map((error) => error.message).join(' ');
    const items: CriteriaItem[] = [
      { label: '$(play) Start Hunt', description: safeLabel(summary), start: true },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...FIELDS.map((spec): CriteriaItem => ({
        label: spec.label,
        description: input[spec.field]?.trim() ? safeLabel(input[spec.field] ?? '') : spec.field === 'deviceSide' ? 'either' : 'any',
        field: spec.field,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `${title} (2/2): what to look for`,
      placeHolder: vscode.l10n.t('Choose a criterion to set it (all of them must match), then Start Hunt'),
      ignoreFocusOut: true,
    });
    if (!picked) {
      return undefined;
    }
    if (picked.start) {
      if (parsed.ok) {
        return parsed.criteria;
      }
      void vscode.window.showErrorMessage(summary);
      continue;
    }
    const spec = FIELDS.find((candidate) => candidate.field === picked.field);
    if (spec) {
      const value = await askField(spec, input, model, now, title);
      if (value !== undefined) {
        input[spec.field] = value;
      }
    }
  }
}

/** The whole form; undefined when the person leaves it. */
export async function askForHunt(tenantLabel: string, model: TenantModel): Promise<HuntRequest | undefined> {
  const title = vscode.l10n.t('Hunt Refresh Tokens on {0}', safeLabel(tenantLabel));
  const users = await askUsers(title);
  if (!users) {
    return undefined;
  }
  const criteria = await askCriteria(title, model, Date.now());
  return criteria ? { users, criteria } : undefined;
}
