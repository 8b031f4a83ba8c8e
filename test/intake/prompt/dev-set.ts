/**
 * The development set for the offline reader: prompts as people write them, with what a careful reader
 * would take from each. `trigger` entries are `type` or `type schedule` (cron) strings.
 */
export interface DevCase {
  readonly prompt: string;
  readonly tools: readonly string[];
  /** Spec connection types, plus the names of kinds the spec has no type for (mongodb, s3, smtp, sms). */
  readonly connections: readonly string[];
  readonly auth: 'none' | 'api_key' | 'bearer' | 'oauth2';
  readonly transport: 'stdio' | 'http';
  readonly triggers: readonly string[];
  readonly pageSize?: number;
}

const none = { auth: 'none', transport: 'stdio', triggers: [] } as const;

export const DEV_SET: readonly DevCase[] = [
  {
    prompt:
      'Create an MCP server that connects to our PostgreSQL inventory database, has tools for search_products, get_stock_level, update_inventory, requires API key authentication and returns results paginated at 50 items',
    tools: ['search_products', 'get_stock_level', 'update_inventory'],
    connections: ['postgresql'],
    auth: 'api_key',
    transport: 'http',
    triggers: [],
    pageSize: 50,
  },
  {
    prompt: 'A Slack server that can post_message and list_channels',
    tools: ['post_message', 'list_channels'],
    connections: ['http'],
    ...none,
  },
  {
    prompt: 'MCP server with tools list_issues, create_issue and close_issue for GitHub, using GITHUB_TOKEN',
    tools: ['list_issues', 'create_issue', 'close_issue'],
    connections: ['http'],
    ...none,
  },
  {
    prompt: 'a server to search and update customers in our MySQL database',
    tools: ['search_customers', 'update_customers'],
    connections: ['mysql'],
    ...none,
  },
  {
    prompt: 'I need tools to get the stock level and update inventory, backed by postgress',
    tools: ['get_stock_level', 'update_inventory'],
    connections: ['postgresql'],
    ...none,
  },
  {
    prompt: 'tools: getUser, listUsers, deleteUser on a MongoDB users collection',
    tools: ['get_user', 'list_users', 'delete_user'],
    connections: ['mongodb'],
    ...none,
  },
  {
    prompt: 'Build a notes server on SQLite with tools add_note, list_notes and search_notes, 25 per page',
    tools: ['add_note', 'list_notes', 'search_notes'],
    connections: ['sqlite'],
    ...none,
    pageSize: 25,
  },
  {
    prompt:
      'A Stripe server with tools list_charges and refund_charge. When Stripe calls us, run sync_payments.',
    tools: ['list_charges', 'refund_charge', 'sync_payments'],
    connections: ['http'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['webhook'],
  },
  {
    prompt: 'Every weekday at 9am send_report to the team over email',
    tools: ['send_report'],
    connections: ['smtp'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 0 9 * * 1-5'],
  },
  {
    prompt: 'Sync the catalog every 6 hours from our Postgres db with a sync_catalog tool',
    tools: ['sync_catalog'],
    connections: ['postgresql'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 0 */6 * * *'],
  },
  {
    prompt: 'A server that runs cleanup_sessions nightly against Redis',
    tools: ['cleanup_sessions'],
    connections: ['redis'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 0 2 * * *'],
  },
  {
    prompt: 'Consume messages from the RabbitMQ queue orders and call process_order for each',
    tools: ['process_order'],
    connections: ['rabbitmq'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['queue'],
  },
  {
    prompt: 'When a file is added to ./inbox, call import_invoice',
    tools: ['import_invoice'],
    connections: [],
    auth: 'none',
    transport: 'stdio',
    triggers: ['file'],
  },
  {
    prompt:
      'PostgreSQL server that LISTENs on channel stock_changed and calls refresh_cache; also tools get_stock',
    tools: ['refresh_cache', 'get_stock'],
    connections: ['postgresql'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['database'],
  },
  {
    prompt: 'On startup run warm_cache. Tools: warm_cache, get_price.',
    tools: ['warm_cache', 'get_price'],
    connections: [],
    auth: 'none',
    transport: 'stdio',
    triggers: ['startup'],
  },
  {
    prompt: 'A Jira server to create issues and list issues, protected with bearer tokens',
    tools: ['create_issues', 'list_issues'],
    connections: ['http'],
    auth: 'bearer',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'A GraphQL server for our shop with tools query_orders and get_order, secured with OAuth',
    tools: ['query_orders', 'get_order'],
    connections: ['graphql'],
    auth: 'oauth2',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'Run it in Docker: tools read_file, write_file and list_files over a local files folder',
    tools: ['read_file', 'write_file', 'list_files'],
    connections: ['filesystem'],
    auth: 'none',
    transport: 'http',
    triggers: [],
  },
  {
    prompt:
      'An S3 object storage server with tools upload_object, download_object, list_objects paginated at 100',
    tools: ['upload_object', 'download_object', 'list_objects'],
    connections: ['s3'],
    ...none,
    pageSize: 100,
  },
  {
    prompt: 'Send SMS alerts: a tool send_sms and a tool check_delivery',
    tools: ['send_sms', 'check_delivery'],
    connections: ['sms'],
    ...none,
  },
  {
    prompt:
      'a weather server calling the REST API at https://api.weather.example with tools get_forecast and get_alerts',
    tools: ['get_forecast', 'get_alerts'],
    connections: ['http'],
    ...none,
  },
  {
    prompt: 'mariadb backed crm: tools find_contact, add_contact, update_contact, api-key auth, over HTTP',
    tools: ['find_contact', 'add_contact', 'update_contact'],
    connections: ['mysql'],
    auth: 'api_key',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'Make a stdio server with tools a, b and c',
    tools: ['a', 'b', 'c'],
    connections: [],
    ...none,
  },
  {
    prompt: 'tools for "__proto__", constructor and get_status',
    tools: ['get_status'],
    connections: [],
    ...none,
  },
  {
    prompt: 'tools: `rm -rf /`, list_jobs',
    tools: ['rm_rf', 'list_jobs'],
    connections: [],
    ...none,
  },
  {
    prompt: 'I want to list orders, cancel an order and refund payments',
    tools: ['list_orders', 'cancel_order', 'refund_payments'],
    connections: [],
    ...none,
  },
  {
    prompt: 'Redis cache server: tools get_key_value, set_key_value and delete_key_value',
    tools: ['get_key_value', 'set_key_value', 'delete_key_value'],
    connections: ['redis'],
    ...none,
  },
  {
    prompt:
      'An inventory server on Postgres; every day at 6:30 am run restock_report; tools restock_report, list_low_stock with pages of 20',
    tools: ['restock_report', 'list_low_stock'],
    connections: ['postgresql'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 30 6 * * *'],
    pageSize: 20,
  },
  {
    prompt: 'every monday at 8am Europe/Berlin, generate_digest from the github api',
    tools: ['generate_digest'],
    connections: ['http'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 0 8 * * 1'],
  },
  {
    prompt: 'A remote MCP server with tools search_docs and get_doc',
    tools: ['search_docs', 'get_doc'],
    connections: [],
    auth: 'none',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'Create tools to fetch weather and send alerts by email',
    tools: ['fetch_weather', 'send_alerts'],
    connections: ['smtp'],
    ...none,
  },
  {
    prompt: 'Slack bot: post messages to channels and list users, SLACK_BOT_TOKEN for auth to Slack',
    tools: ['post_messages', 'list_users'],
    connections: ['http'],
    ...none,
  },
  {
    prompt: 'a server with a tool named trackShipment and another called cancelShipment for our rest api',
    tools: ['track_shipment', 'cancel_shipment'],
    connections: ['http'],
    ...none,
  },
  {
    prompt: 'Book meetings and cancel meetings, served over http with bearer auth',
    tools: ['book_meetings', 'cancel_meetings'],
    connections: [],
    auth: 'bearer',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'Hourly, call poll_feed. Tools: poll_feed.',
    tools: ['poll_feed'],
    connections: [],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron 0 * * * *'],
  },
  {
    prompt: 'every 15 minutes check_health of our services; tools check_health and get_uptime',
    tools: ['check_health', 'get_uptime'],
    connections: [],
    auth: 'none',
    transport: 'stdio',
    triggers: ['cron */15 * * * *'],
  },
  {
    prompt: 'read jobs from a Redis stream named builds with a run_build tool',
    tools: ['run_build'],
    connections: ['redis'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['queue'],
  },
  {
    prompt: 'A webhook from GitHub should call label_issue; tools label_issue and list_labels',
    tools: ['label_issue', 'list_labels'],
    connections: ['http'],
    auth: 'none',
    transport: 'stdio',
    triggers: ['webhook'],
  },
  {
    prompt: 'sqlite server for a todo app: add_todo, complete_todo, list_todos are the tools',
    tools: ['add_todo', 'complete_todo', 'list_todos'],
    connections: ['sqlite'],
    ...none,
  },
  {
    prompt: 'Postgre database of books; search books and get book details; 10 results per page',
    tools: ['search_books', 'get_book_details'],
    connections: ['postgresql'],
    ...none,
    pageSize: 10,
  },
  {
    prompt:
      'MCP server in a container that exposes query_metrics for our GraphQL API with API key authentication',
    tools: ['query_metrics'],
    connections: ['graphql'],
    auth: 'api_key',
    transport: 'http',
    triggers: [],
  },
  {
    prompt: 'Watch the folder ./uploads and call scan_upload when files change; also a tool list_scans',
    tools: ['scan_upload', 'list_scans'],
    connections: [],
    auth: 'none',
    transport: 'stdio',
    triggers: ['file'],
  },
  {
    prompt: 'For Claude Desktop: tools summarize_page and extract_links',
    tools: ['summarize_page', 'extract_links'],
    connections: [],
    ...none,
  },
  {
    prompt:
      'an mcp server with get_balance and transfer_funds tools, authenticated by oauth 2.1 at https://auth.bank.example',
    tools: ['get_balance', 'transfer_funds'],
    connections: [],
    auth: 'oauth2',
    transport: 'http',
    triggers: [],
  },
];
