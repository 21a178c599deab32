// Logs into the Unleash UI as an operator would and switches a flag on or off in one environment,
// in Debian's headless Chromium driven by playwright-core (never a downloaded browser).
// Usage: node switch-flag.mjs <unleash url> <user> <password> <flag> <environment> on|off
// Prints one line per step; exits 1 with the reason (and a screenshot path) when a step fails.
import { chromium } from 'playwright-core';

const [url, user, password, flag, environment, wanted] = process.argv.slice(2);
if (!wanted || !['on', 'off'].includes(wanted)) {
  console.error('usage: node switch-flag.mjs <unleash url> <user> <password> <flag> <environment> on|off');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage();
// Generous: on a busy 2-core machine the UI's first render took over 20 s. Its web fonts are
// unreachable offline, so pages are awaited to DOMContentLoaded, not to their load event.
page.setDefaultTimeout(60000);
try {
  await page.goto(`${url}/login`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  console.log('logged in');

  await page.goto(`${url}/projects/default/features/${encodeURIComponent(flag)}`, { waitUntil: 'domcontentloaded' });
  const toggle = page.getByRole('switch', { name: environment }).first();
  await toggle.waitFor();
  const on = wanted === 'on';
  if ((await toggle.isChecked()) !== on) {
    await toggle.click();
  }
  for (let i = 0; i < 50 && (await toggle.isChecked()) !== on; i++) {
    await page.waitForTimeout(200);
  }
  if ((await toggle.isChecked()) !== on) {
    throw new Error(`the ${environment} switch of ${flag} did not turn ${wanted}`);
  }
  console.log(`${flag} ${wanted} in ${environment}`);
} catch (e) {
  const shot = `switch-flag-failure-${Date.now()}.png`;
  await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  console.error(`switch-flag: ${e.message} (screenshot ${shot})`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
