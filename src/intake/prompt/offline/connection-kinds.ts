/**
 * The connection kinds the offline reader recognises, one row each: how a prompt names it, the spec
 * connection type it becomes (none yet for MongoDB, S3, SMTP and SMS: those tools stay handler stubs), the
 * env var that holds its URL, and for HTTP services the env var and scheme of their credentials.
 */
import type { CONNECTION_TYPES } from '../../../spec/schema.js';

export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export interface ConnectionKind {
  /** What the user named, as reported in notes and questions. */
  readonly kind: string;
  readonly pattern: RegExp;
  readonly specType: ConnectionType | undefined;
  readonly name: string;
  readonly envVar: string;
  readonly credentials?: { readonly type: 'bearer' | 'basic' | 'api_key'; readonly envVar: string };
}

const SQL_WORDS = String.raw`(?:database|db)\b`;

export const CONNECTION_KINDS: readonly ConnectionKind[] = [
  {
    kind: 'postgresql',
    pattern: /\b(?:postgres(?:ql)?|postgre|psql|pg)\b/i,
    specType: 'postgresql',
    name: 'db',
    envVar: 'DATABASE_URL',
  },
  {
    kind: 'mysql',
    pattern: /\b(?:mysql|mariadb)\b/i,
    specType: 'mysql',
    name: 'db',
    envVar: 'DATABASE_URL',
  },
  { kind: 'sqlite', pattern: /\bsqlite3?\b/i, specType: 'sqlite', name: 'db', envVar: 'DATABASE_PATH' },
  {
    kind: 'mongodb',
    pattern: /\bmongo(?:db)?\b/i,
    specType: undefined,
    name: 'mongo',
    envVar: 'MONGODB_URL',
  },
  { kind: 'redis', pattern: /\bredis\b/i, specType: 'redis', name: 'redis', envVar: 'REDIS_URL' },
  {
    kind: 'rabbitmq',
    pattern: /\b(?:rabbit(?:mq)?|amqp)\b/i,
    specType: 'rabbitmq',
    name: 'rabbitmq',
    envVar: 'RABBITMQ_URL',
  },
  {
    kind: 's3',
    pattern: /\b(?:s3|object stor(?:age|e)|minio|buckets?)\b/i,
    specType: undefined,
    name: 's3',
    envVar: 'S3_BUCKET_URL',
  },
  {
    kind: 'github',
    pattern: /\bgit ?hub\b/i,
    specType: 'http',
    name: 'github',
    envVar: 'GITHUB_API_URL',
    credentials: { type: 'bearer', envVar: 'GITHUB_TOKEN' },
  },
  {
    kind: 'slack',
    pattern: /\bslack\b/i,
    specType: 'http',
    name: 'slack',
    envVar: 'SLACK_API_URL',
    credentials: { type: 'bearer', envVar: 'SLACK_BOT_TOKEN' },
  },
  {
    kind: 'jira',
    pattern: /\bjira\b/i,
    specType: 'http',
    name: 'jira',
    envVar: 'JIRA_BASE_URL',
    credentials: { type: 'basic', envVar: 'JIRA_CREDENTIALS' },
  },
  {
    kind: 'stripe',
    pattern: /\bstripe\b/i,
    specType: 'http',
    name: 'stripe',
    envVar: 'STRIPE_API_URL',
    credentials: { type: 'bearer', envVar: 'STRIPE_SECRET_KEY' },
  },
  { kind: 'graphql', pattern: /\bgraph ?ql\b/i, specType: 'graphql', name: 'graphql', envVar: 'GRAPHQL_URL' },
  {
    kind: 'smtp',
    pattern: /\b(?:smtp|e-?mails?)\b/i,
    specType: undefined,
    name: 'smtp',
    envVar: 'SMTP_URL',
  },
  {
    kind: 'sms',
    pattern: /\b(?:sms|text messages?|twilio)\b/i,
    specType: undefined,
    name: 'sms',
    envVar: 'SMS_API_URL',
  },
  {
    kind: 'http',
    pattern: /\b(?:rest(?:ful)?|http|web) ?api\b|\bhttps?:\/\/\S+|\bapi at\b/i,
    specType: 'http',
    name: 'api',
    envVar: 'API_BASE_URL',
  },
  {
    kind: 'filesystem',
    pattern:
      /\b(?:file ?system|local (?:files|disk)|files? (?:in|under|from) (?:a |the )?(?:folder|directory)|(?:folder|directory) of files)\b/i,
    specType: 'filesystem',
    name: 'files',
    envVar: 'FILES_ROOT',
  },
];

/** Kinds that name a generic database: a "(inventory) database" with no kind stated becomes a question. */
export const GENERIC_DATABASE = new RegExp(String.raw`\b(\w+) ${SQL_WORDS}`, 'i');
