// Users-export jobs (POST /jobs/users-exports, GET /jobs/{id}) and the second origin that serves
// their files. Auth0 hands out the export as a signed URL on a storage host: the URL itself is the
// credential, and the storage host refuses a request that also carries an Authorization header
// (as S3 does), so a client that forwards its Management API token there fails loudly here.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzip } from 'node:zlib';
import type { Job, User, UsersExportField } from '../../src/auth0/types';
import type { RecordedRequest } from './server';
import { parseRequestTarget } from './requestTarget';

export type ExportFormat = 'json' | 'csv';

export interface ExportRequest {
  format: ExportFormat;
  fields?: UsersExportField[];
  /** Only users of this connection (by name); undefined exports every user. */
  connection?: { id: string; name: string };
  limit?: number;
}

interface ExportJob {
  job: Job;
  /** The file's path on the storage host once it is built. */
  filePath?: string;
  /** The first GET answers "pending" whatever happens, so a client's polling path always runs. */
  polled: boolean;
}

/** Columns of a CSV export that names no fields. */
const DEFAULT_CSV_FIELDS: readonly UsersExportField[] = [
  { name: 'user_id' },
  { name: 'email' },
  { name: 'name' },
  { name: 'created_at' },
  { name: 'last_login' },
  { name: 'logins_count' },
  { name: 'blocked' },
];

/** `identities[0].connection`, `app_metadata.plan`: the paths Auth0's export fields accept. */
function valueAt(user: User, path: string): unknown {
  let current: unknown = user;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, part)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export file before compression: NDJSON (one user per line) or CSV with a heading row. */
export function exportText(users: readonly User[], request: ExportRequest): string {
  const fields = request.fields;
  if (request.format === 'csv') {
    const columns = fields ?? DEFAULT_CSV_FIELDS;
    const rows = [columns.map((field) => csvCell(field.export_as ?? field.name)).join(',')];
    for (const user of users) {
      rows.push(columns.map((field) => csvCell(valueAt(user, field.name))).join(','));
    }
    return rows.join('\n') + '\n';
  }
  const lines: string[] = [];
  for (const user of users) {
    if (fields === undefined) {
      lines.push(JSON.stringify(user));
    } else {
      const picked: Record<string, unknown> = {};
      for (const field of fields) {
        const value = valueAt(user, field.name);
        if (value !== undefined) {
          picked[field.export_as ?? field.name] = value;
        }
      }
      lines.push(JSON.stringify(picked));
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

const S3_ERROR = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/** The storage host: a second loopback origin serving each export file at an unguessable URL. */
export class ExportFileServer {
  readonly requests: RecordedRequest[] = [];
  private readonly files = new Map<string, { bytes: Buffer; signatures: Map<string, number> }>();
  /** How long a signed link is honoured, ms (Auth0 documents about 60 s); `clock` reads epoch ms. */
  linkTtlMs = 60_000;
  clock: () => number = Date.now;
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private origin = '';

  constructor() {
    this.server.keepAliveTimeout = 1000;
  }

  get url(): string {
    return this.origin;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stores the file (its links are made by `sign`). */
  publish(path: string, bytes: Buffer): void {
    this.files.set(path, { bytes, signatures: new Map() });
  }

  /** A new signed URL of a published file, honoured for `linkTtlMs` from now (each call makes another). */
  sign(path: string): string {
    const file = this.files.get(path);
    const signature = randomBytes(32).toString('hex');
    file?.signatures.set(signature, this.clock() + this.linkTtlMs);
    const seconds = Math.max(0, Math.round(this.linkTtlMs / 1000));
    return `${this.origin}${path}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=${seconds}&X-Amz-Signature=${signature}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const target = parseRequestTarget(req.url ?? '/');
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: target.path,
      rawPath: target.rawPath,
      segments: target.segments ?? [],
      query: target.query,
      status: 0,
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
      at: Date.now(),
    };
    this.requests.push(record);
    const answer = (status: number, body: Buffer | string, contentType: string) => {
      record.status = status;
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) }).end(bytes);
    };
    if (req.headers.authorization !== undefined) {
      // S3's answer to a presigned URL that also carries a token: the token goes nowhere.
      answer(403, S3_ERROR('AccessDenied', 'Only one auth mechanism allowed; the signed URL is the credential, do not send an Authorization header'), 'application/xml');
      return;
    }
    const file = this.files.get(target.rawPath);
    if (record.method !== 'GET' || file === undefined) {
      answer(404, S3_ERROR('NoSuchKey', 'The specified key does not exist.'), 'application/xml');
      return;
    }
    const expiresAt = file.signatures.get(target.query['X-Amz-Signature'] ?? '');
    if (expiresAt === undefined) {
      answer(403, S3_ERROR('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'), 'application/xml');
      return;
    }
    if (this.clock() >= expiresAt) {
      // S3's answer to a presigned URL past its X-Amz-Expires.
      answer(403, S3_ERROR('AccessDenied', 'Request has expired'), 'application/xml');
      return;
    }
    // Served as a gzip file, not with Content-Encoding: the client gunzips it itself, as it must for S3.
    answer(200, file.bytes, 'application/gzip');
  }
}

export interface ExportSource {
  /** Every user at the time the job runs, in listing order. */
  users(): readonly User[];
  currentTime(): number;
  tenantName: string;
  /** Runs `build` in the background (cancelled when the emulator closes). */
  background(build: () => void): void;
}

/** The tenant's export jobs. */
export class UsersExports {
  private readonly jobs = new Map<string, ExportJob>();
  /** Jobs at once (Auth0 limits concurrent jobs; a POST beyond it answers 429 without rate-limit headers). */
  maxActiveJobs = 2;
  /** Jobs of other clients of the tenant running now (tests and the demo occupy the limit with them). */
  otherActiveJobs = 0;

  constructor(
    private readonly files: ExportFileServer,
    private readonly source: ExportSource,
  ) {}

  /** Jobs not yet completed or failed, other clients' included. */
  activeJobs(): number {
    let active = this.otherActiveJobs;
    for (const entry of this.jobs.values()) {
      if (entry.job.status !== 'failed' && entry.filePath === undefined) {
        active += 1;
      }
    }
    return active;
  }

  /** Creates the job (status "pending") and starts building its file in the background. */
  create(request: ExportRequest): Job {
    const id = `job_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16)}`;
    const job: Job = {
      type: 'users_export',
      status: 'pending',
      created_at: new Date(this.source.currentTime()).toISOString(),
      id,
      // The schema requires `connection`; an export of every user names no single one.
      connection: request.connection?.name ?? 'all',
      ...(request.connection === undefined ? {} : { connection_id: request.connection.id }),
      format: request.format,
      ...(request.limit === undefined ? {} : { limit: request.limit }),
      ...(request.fields === undefined ? {} : { fields: request.fields.map((field) => ({ ...field })) }),
    };
    this.jobs.set(id, { job, polled: false });
    this.source.background(() => this.build(job, request));
    return { ...job };
  }

  /** The job as GET /jobs/{id} shows it, or undefined for an unknown id. */
  get(id: string): Job | undefined {
    const entry = this.jobs.get(id);
    if (entry === undefined) {
      return undefined;
    }
    const firstLook = !entry.polled;
    entry.polled = true;
    if (entry.job.status === 'failed') {
      return { ...entry.job };
    }
    if (firstLook || entry.filePath === undefined) {
      return { ...entry.job, status: 'pending', percentage_done: 0, time_left_seconds: 1 };
    }
    // Each look signs a new link: the one given before may have expired meanwhile.
    return { ...entry.job, status: 'completed', location: this.files.sign(entry.filePath) };
  }

  private build(job: Job, request: ExportRequest): void {
    let users = this.source.users();
    if (request.connection !== undefined) {
      const name = request.connection.name;
      users = users.filter((user) => user.identities?.[0]?.connection === name);
    }
    if (request.limit !== undefined) {
      users = users.slice(0, request.limit);
    }
    const text = exportText(users, request);
    gzip(Buffer.from(text, 'utf8'), (error, bytes) => {
      const entry = this.jobs.get(job.id);
      if (error || entry === undefined) {
        job.status = 'failed';
        return;
      }
      const extension = request.format === 'csv' ? 'csv.gz' : 'json.gz';
      const path = `/auth0-users-exports/${encodeURIComponent(this.source.tenantName)}/${job.id}.${extension}`;
      this.files.publish(path, bytes);
      entry.filePath = path;
    });
  }
}
