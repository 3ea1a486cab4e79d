// The browser and REST half of scripts/wordpress-check.sh. Each phase prints what it checked and
// exits non-zero on the first failure.
//
//   node check.mjs control SITE USERS.json        before the plugin: WordPress strips the element
//   node check.mjs post SITE USERS.json           with the plugin: publish as Author, check in Chromium
//   node check.mjs cdn SITE USERS.json CDN_URL    the same post, files from the CDN on another origin
//   node check.mjs editor SITE USERS.json         the block is offered in the editor
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { launch, screenshot } from "../../e2e/harness.mjs";

const [phase, site, usersFile, cdn] = process.argv.slice(2);
const { users } = JSON.parse(readFileSync(usersFile, "utf8"));
const STATE = usersFile.replace(/[^/]+$/, "");

// The four ways a post can carry a widget, as an Author would write them in the block editor.
const POST = `<!-- wp:paragraph --><p>Which backend should we pick? Try it below.</p><!-- /wp:paragraph -->
<!-- wp:html --><node-vs-python views="simulate" compact preset="chat"></node-vs-python><!-- /wp:html -->
<!-- wp:paragraph --><p>The same widget, written as a div:</p><!-- /wp:paragraph -->
<!-- wp:html --><div data-node-vs-python data-views="usecases"></div><!-- /wp:html -->
<!-- wp:shortcode -->[node_vs_python views="compare" theme="dark"]<!-- /wp:shortcode -->
<!-- wp:node-vs-python/widget {"views":"compare,simulate","compact":true} /-->
<!-- wp:paragraph --><p>The end of the post.</p><!-- /wp:paragraph -->`;

/** Calls the REST API as `who` with an application password (WordPress's own REST auth). */
async function rest(who, path, body) {
  const { user, app_password } = users[who];
  const [route, query] = path.split("?");
  const response = await fetch(`${site}/?rest_route=${encodeURIComponent(route)}${query ? `&${query}` : ""}`, {
    method: body ? "POST" : "GET",
    headers: {
      authorization: "Basic " + Buffer.from(`${user}:${app_password}`).toString("base64"),
      "content-type": "application/json",
    },
    body: body && JSON.stringify(body),
  });
  const json = await response.json();
  assert.ok(response.ok, `${path} as ${who}: HTTP ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** Saves a post as `who` and returns it as saved (raw content, after WordPress's filters). */
async function save(who, status, title) {
  const created = await rest(who, "/wp/v2/posts", { title, status, content: POST });
  return rest(who, `/wp/v2/posts/${created.id}?context=edit`);
}

async function control() {
  for (const who of ["author", "contributor"]) {
    const saved = await save(who, who === "author" ? "publish" : "pending", `Control post by ${who}`);
    const raw = saved.content.raw;
    assert.ok(!raw.includes("<node-vs-python"), `without the plugin WordPress kept the element for ${who}; the check would prove nothing`);
    assert.ok(raw.includes("data-node-vs-python"), `${who}: the div form survives WordPress's filter`);
    console.log(`control: without the plugin, WordPress strips <node-vs-python> from the ${who}'s post and keeps the div form`);
  }
}

async function publish() {
  const pending = await save("contributor", "pending", "A contributor's post");
  assert.ok(pending.content.raw.includes('<node-vs-python views="simulate"'), `contributor: ${pending.content.raw}`);
  console.log("post: the Contributor's saved post keeps the element");
  const post = await save("author", "publish", "Node.js or Python? An Author's post");
  const raw = post.content.raw;
  assert.ok(raw.includes('<node-vs-python views="simulate" compact preset="chat"></node-vs-python>'), `author: ${raw}`);
  assert.ok(raw.includes('<div data-node-vs-python data-views="usecases"></div>'), `author: ${raw}`);
  writeFileSync(`${STATE}post.json`, JSON.stringify({ link: post.link }));
  console.log(`post: the Author's post keeps every form; published at ${post.link}`);
  await checkPage(post.link, site, "wordpress-post");
}

/**
 * Opens the post in Chromium, starts each of its four widgets and checks their options took
 * effect, that no error reached the console, and that the files came from `filesOrigin`.
 */
async function checkPage(link, filesOrigin, shot) {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    const files = [];
    // The bare test site has no favicon; that 404 is the site's, not the widget's.
    page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico")
      && errors.push(`${m.text()} (${m.location().url})`));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("requestfinished", (r) => /node-vs-python-|embed\.js|\.wasm$/.test(r.url()) && files.push(r.url()));
    await page.goto(link);
    const hosts = page.locator("node-vs-python, [data-node-vs-python]");
    assert.equal(await hosts.count(), 4, "four widgets on the page");
    for (let i = 0; i < 4; i++) {
      await hosts.nth(i).scrollIntoViewIfNeeded();
      await hosts.nth(i).locator(".nvp-root").waitFor({ timeout: 30000 });
    }
    const tabs = async (i) => hosts.nth(i).locator('[role="tab"]').allInnerTexts();
    assert.deepEqual(await tabs(0), [], "element: simulate only");
    assert.equal(await hosts.nth(0).locator(".nvp-root--compact").count(), 1, "element: compact");
    assert.deepEqual(await tabs(1), [], "div form: use cases only");
    assert.equal(await hosts.nth(2).locator(".nvp-root").getAttribute("data-theme"), "dark", "shortcode: dark theme");
    assert.deepEqual(await tabs(3), ["Compare", "Simulate"], "block: its views");
    await hosts.nth(3).locator('[role="tab"]', { hasText: "Simulate" }).click();
    const column = await hosts.nth(0).evaluate((el) => Math.round(el.getBoundingClientRect().width));
    const tag = await page.evaluate(() => {
      const s = document.querySelector('script[src*="embed.js"]');
      return { integrity: s?.integrity ?? "", base: document.querySelector('meta[name="node-vs-python-base"]')?.content ?? "" };
    });
    assert.match(tag.integrity, /^sha384-/, "the script tag carries the loader's hash");
    assert.ok(tag.base.startsWith(filesOrigin), `the base tag points at ${filesOrigin}: ${tag.base}`);
    const elsewhere = files.filter((url) => !url.startsWith(filesOrigin));
    assert.deepEqual(elsewhere, [], `every widget file from ${filesOrigin}`);
    assert.ok(files.some((url) => url.endsWith(".wasm")), "the wasm was loaded");
    assert.deepEqual(errors, [], "no console errors");
    const path = await screenshot(page, shot);
    console.log(`${phase}: 4 widgets started in a ${column} px content column, files from ${filesOrigin}, no console errors (${path})`);
    await context.close();
  } finally {
    await browser.close();
  }
}

/** Logs in as the Author and checks the editor offers the block without script errors. */
async function editor() {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${site}/wp-login.php`);
    await page.fill("#user_login", users.author.user);
    await page.fill("#user_pass", users.author.password);
    await Promise.all([page.waitForNavigation(), page.click("#wp-submit")]);
    await page.goto(`${site}/wp-admin/post-new.php`);
    await page.waitForFunction(() => window.wp?.blocks?.getBlockType?.("core/paragraph"), null, { timeout: 60000 });
    const block = await page.evaluate(() => {
      const type = window.wp.blocks.getBlockType("node-vs-python/widget");
      return type && { title: type.title, attributes: Object.keys(type.attributes).sort() };
    });
    assert.equal(block?.title, "Node.js vs Python", "the block is registered in the editor");
    for (const name of ["views", "theme", "compact", "preset", "accent"]) assert.ok(block.attributes.includes(name), `block attribute ${name}`);
    assert.deepEqual(errors, [], "no script errors in the editor");
    console.log(`editor: the Author's editor offers the "${block.title}" block (${block.attributes.join(", ")})`);
    await context.close();
  } finally {
    await browser.close();
  }
}

if (phase === "control") await control();
else if (phase === "post") await publish();
else if (phase === "cdn") await checkPage(JSON.parse(readFileSync(`${STATE}post.json`, "utf8")).link, cdn, "wordpress-post-cdn");
else if (phase === "editor") await editor();
else throw new Error(`unknown phase ${phase}`);
