// A deterministic, seeded corpus of news-style Markdown drafts for `npm run bench`.
//
//   node bench/corpus.mjs            write (or reuse) the corpus and print where it is
//   node bench/corpus.mjs --force    regenerate even if the stamp matches
//
// Layout under $FACTLINT_BENCH_CORPUS (default <os temp>/factlint-bench-corpus)/v<VERSION>-s<SEED>/:
//   files-100/, files-1000/, files-10000/   articles of 4-8 KB in sub-folders of 100
//   big/draft-10000-lines.md                one ~0.8 MB draft of exactly 10,000 lines
//
// Article i is a pure function of (SEED, i), so files-100 ⊂ files-1000 ⊂ files-10000 by content.
// Text comes from the templates below (figures about the Amazon/OpenAI story, some matching the
// facts in facts/amazon-openai.facts.yaml and some deliberately wrong, plus generic business news);
// nothing is copied from the source articles.
//
// The corpus lives outside the repository on purpose: factlint (like git-aware tools) skips
// .gitignore'd files when it walks a folder, so a gitignored bench/.corpus would be checked by
// the peers but not by factlint.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_VERSION = 2;
export const SEED = 20260130;
export const SIZES = [100, 1000, 10000];
export const BIG_LINES = 10000;

export const CORPUS_ROOT = path.resolve(process.env.FACTLINT_BENCH_CORPUS || path.join(os.tmpdir(), 'factlint-bench-corpus'));

// ------------------------------------------------------------------------------------------------
// Random numbers: mulberry32, seeded per article.
// ------------------------------------------------------------------------------------------------
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    shuffle: (arr) => {
      const a2 = [...arr];
      for (let i = a2.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a2[i], a2[j]] = [a2[j], a2[i]];
      }
      return a2;
    },
  };
  return r;
}

function mix(seed, i) {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ------------------------------------------------------------------------------------------------
// Figures written in many forms.
// ------------------------------------------------------------------------------------------------
const SMALL_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_WORDS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
function numberWords(n) {
  if (n < 20) return SMALL_WORDS[n];
  if (n < 100) return TENS_WORDS[Math.floor(n / 10)] + (n % 10 ? `-${SMALL_WORDS[n % 10]}` : '');
  if (n < 1000) return `${SMALL_WORDS[Math.floor(n / 100)]} hundred${n % 100 ? ` and ${numberWords(n % 100)}` : ''}`;
  return String(n);
}
const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A dollar amount (in units of `scale`: 1e9 billion, 1e6 million) in one of many spellings. */
function money(r, value, scale = 1e9) {
  const word = scale === 1e9 ? 'billion' : 'million';
  const short = scale === 1e9 ? r.pick(['bn', 'B', 'bln']) : r.pick(['m', 'M', 'mn']);
  const v = String(value);
  const integral = Number.isInteger(value);
  const forms = [
    () => `$${v} ${word}`,
    () => `$${v} ${word}`,
    () => `$${v}${short}`,
    () => `US$${v} ${word}`,
    () => `USD ${v} ${word}`,
    () => `${v} ${word} dollars`,
    () => `$${v}-${word}`,
    () => (integral && value < 100 ? `${numberWords(value)} ${word} dollars` : `$${v} ${word}`),
    () => (integral && value < 1000 ? `$${group(value * scale)}` : `$${v} ${word}`),
    () => (scale === 1e9 && value >= 100 ? `$${(value / 1000).toString()} trillion` : `$${v} ${word}`),
  ];
  return r.pick(forms)();
}

function count(r, n) {
  const forms = [
    () => group(n),
    () => group(n),
    () => (n % 1000 === 0 ? `${n / 1000},000` : group(n)),
    () => (n % 1000 === 0 && n / 1000 < 100 ? `${numberWords(n / 1000)} thousand` : group(n)),
    () => (n % 1000 === 0 ? `${n / 1000}k` : group(n)),
    () => (n % 1000 === 0 ? `${n / 1000} thousand` : group(n)),
  ];
  return r.pick(forms)();
}

function percent(r, p) {
  return r.pick([`${p}%`, `${p}%`, `${p} percent`, `${p} per cent`, `${p} pct`]);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
function date(r, y, m, d) {
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  return r.pick([
    `${MONTHS[m - 1]} ${d}, ${y}`,
    `${d} ${MONTHS[m - 1]} ${y}`,
    `${MONTHS_SHORT[m - 1]} ${d}`,
    `${y}-${mm}-${dd}`,
    `${MONTHS[m - 1]} ${d}`,
    `${MONTHS[m - 1]} ${y}`,
  ]);
}

// ------------------------------------------------------------------------------------------------
// The story's claims: each a sentence template and a correct and a wrong figure. `right` is chosen
// about two times in three.
// ------------------------------------------------------------------------------------------------
const AMAZON = ['Amazon', 'Amazon', 'Amazon.com', 'the online retailer', 'the e-commerce giant', 'the Seattle company'];
const OPENAI = ['OpenAI', 'OpenAI', 'the ChatGPT maker', 'the ChatGPT developer'];
const SAYS = ['according to people familiar with the matter', 'people briefed on the plans said', 'two people with knowledge of the talks said', 'according to several reports', 'sources told reporters'];

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const STORY = [
  (r, ok) => `${r.pick(AMAZON)} is negotiating to invest ${ok ? r.pick(['up to', 'as much as']) : r.pick(['', 'about', 'roughly'])} ${money(r, ok ? 50 : r.pick([40, 60, 45]))} in ${r.pick(OPENAI)}, ${r.pick(SAYS)}.`,
  (r, ok) => `The new funding round for ${r.pick(OPENAI)} could raise as much as ${money(r, ok ? 100 : r.pick([120, 80]))} in total.`,
  (r, ok) => `Such a round would value ${r.pick(OPENAI)} at around ${money(r, ok ? 830 : r.pick([730, 900]))}, ${r.pick(SAYS)}.`,
  (r, ok) => `SoftBank is discussing a contribution of up to ${money(r, ok ? 30 : r.pick([50, 20]))} to the round.`,
  (r, ok) => `Nvidia is weighing an investment of as much as ${money(r, ok ? 30 : r.pick([3, 40]))} in ${r.pick(OPENAI)}.`,
  (r, ok) => `Microsoft is considering a fresh sum of ${ok ? 'less than' : 'more than'} ${money(r, 10)} for ${r.pick(OPENAI)}.`,
  (r, ok) => `In October 2024 investors valued ${r.pick(OPENAI)} at ${money(r, ok ? 157 : r.pick([175, 150]))}.`,
  (r, ok) => `Bankers say a stock market listing could value ${r.pick(OPENAI)} at up to ${ok ? '$1 trillion' : r.pick(['$2 trillion', '$1.5 trillion'])}, possibly ${ok ? 'in late 2026' : r.pick(['in 2028', 'in early 2027'])}.`,
  (r, ok) => `${r.pick(OPENAI)} plans to spend close to ${money(r, ok ? 500 : 600)} on AI infrastructure over ${ok ? 'four' : 'five'} years.`,
  (r, ok) => `In January 2026 ${r.pick(OPENAI)} signed a ${money(r, ok ? 10 : 12)} computing contract with the chipmaker Cerebras.`,
  (r, ok) => `Microsoft has invested more than ${money(r, ok ? 13 : 31)} in ${r.pick(OPENAI)} since ${ok ? 2019 : 2018}.`,
  (r, ok) => `${r.pick(AMAZON)} has already committed about ${money(r, ok ? 8 : 4)} to Anthropic, a rival of ${r.pick(OPENAI)}.`,
  (r, ok) => `Google holds a stake in Anthropic worth ${money(r, ok ? 2 : 3)}.`,
  (r, ok) => `Anthropic expects its annualised revenue to reach about ${money(r, ok ? 26 : 62)} in 2026.`,
  (r, ok) => `The ${money(r, ok ? 11 : 1.1)} data-centre campus in Indiana, known as Project Rainier, serves Anthropic.`,
  (r, ok) => `${r.pick(AMAZON)} expects capital spending of ${money(r, ok ? 125 : 152)} in 2026.`,
  (r, ok) => `AWS and ${r.pick(OPENAI)} agreed a ${money(r, ok ? 38 : 83)} cloud computing deal in ${ok ? 'November 2025' : 'October 2025'}.`,
  (r, ok) => `${r.pick(AMAZON)} said it would cut ${count(r, ok ? 16000 : r.pick([14000, 18000]))} corporate jobs in January 2026.`,
  (r, ok) => `The job cuts were confirmed on ${date(r, 2026, 1, ok ? 28 : 27)}, days before the investment talks were reported.`,
  (r, ok) => `${r.pick(AMAZON)} shares fell ${percent(r, ok ? 2.1 : r.pick([3.1, 1.2]))} on the day the layoffs were announced.`,
  (r, ok) => `The talks were first reported on ${date(r, 2026, 1, ok ? 29 : 21)}.`,
  (r, ok) => `Senior researchers at leading AI labs now earn more than ${money(r, ok ? 2 : 5, 1e6)} a year.`,
  (r, ok) => `Together, Nvidia, Microsoft and ${r.pick(AMAZON)} are discussing up to ${money(r, ok ? 60 : 90)} for ${r.pick(OPENAI)}.`,
  (r, ok) => `The investment is expected to close ${ok ? 'by the end of the first quarter' : 'by the end of the third quarter'} of 2026.`,
];

// ------------------------------------------------------------------------------------------------
// Generic business news about made-up companies: figures the facts know nothing about.
// ------------------------------------------------------------------------------------------------
const NAME_A = ['North', 'Bright', 'Silver', 'Iron', 'Blue', 'Green', 'Stone', 'Red', 'High', 'Clear', 'Swift', 'Harbor', 'Cedar', 'Summit', 'Lake', 'Granite'];
const NAME_B = ['wind', 'water', 'field', 'gate', 'bridge', 'ridge', 'brook', 'point', 'line', 'crest', 'vale', 'mark'];
const NAME_C = ['Logistics', 'Foods', 'Energy', 'Systems', 'Retail', 'Bank', 'Motors', 'Pharma', 'Media', 'Telecom', 'Airlines', 'Software', 'Capital', 'Mining'];
const CITIES = ['Denver', 'Rotterdam', 'Osaka', 'Lyon', 'Toronto', 'Austin', 'Leeds', 'Porto', 'Dublin', 'Pune', 'Perth', 'Malmo'];
const PEOPLE = ['Dana Whitfield', 'Oskar Lind', 'Priya Raman', 'Tomas Ortega', 'Helen Okafor', 'Mei Lin Zhou', 'Gareth Price', 'Ines Moreau', 'Kofi Mensah', 'Sara Novak'];
const ROLES = ['chief executive', 'finance chief', 'an analyst at a regional broker', 'the head of investor relations', 'a portfolio manager', 'the chair'];
const VERBS_UP = ['rose', 'climbed', 'jumped', 'increased', 'grew'];
const VERBS_DOWN = ['fell', 'slipped', 'dropped', 'declined', 'eased'];
const QUARTERS = ['first', 'second', 'third', 'fourth'];

function company(r) {
  return `${r.pick(NAME_A)}${r.pick(NAME_B)} ${r.pick(NAME_C)}`;
}

const GENERIC = [
  (r, c) => `${c} reported quarterly revenue of ${money(r, r.int(2, 90) / 10 + r.int(1, 40), r.chance(0.5) ? 1e9 : 1e6)}, up ${percent(r, r.int(1, 30))} from a year earlier.`,
  (r, c) => `Net profit ${r.pick(VERBS_DOWN)} ${percent(r, r.int(2, 45))} to ${money(r, r.int(10, 900), 1e6)} in the ${r.pick(QUARTERS)} quarter.`,
  (r, c) => `${c} employs about ${count(r, r.int(2, 90) * 1000)} people in ${r.int(3, 40)} countries.`,
  (r, c) => `The company plans to open ${r.int(5, 120)} new stores by ${date(r, 2026 + r.int(0, 2), r.int(1, 12), r.int(1, 28))}.`,
  (r, c) => `Its shares ${r.pick(VERBS_UP)} ${percent(r, r.int(1, 90) / 10)} in early trading in ${r.pick(CITIES)}.`,
  (r, c) => `"We expect margins of around ${percent(r, r.int(8, 35))} next year," said ${r.pick(PEOPLE)}, ${r.pick(ROLES)}.`,
  (r, c) => `${c} agreed to buy a smaller rival for ${money(r, r.int(50, 950), 1e6)} in cash and stock.`,
  (r, c) => `The board approved a share buyback of up to ${money(r, r.int(1, 20))} and a dividend of ${r.int(10, 95)} cents a share.`,
  (r, c) => `Analysts had expected earnings of $${r.int(1, 9)}.${String(r.int(0, 99)).padStart(2, '0')} a share, according to a poll of ${r.int(5, 30)} brokers.`,
  (r, c) => `About ${count(r, r.int(1, 12) * 1000)} jobs will go as part of a cost plan announced on ${date(r, 2026, r.int(1, 12), r.int(1, 28))}.`,
  (r, c) => `Debt stood at ${money(r, r.int(1, 30) + r.int(0, 9) / 10)} at the end of ${2025 - r.int(0, 3)}, against ${money(r, r.int(1, 9))} in cash.`,
  (r, c) => `${c} now has ${count(r, r.int(10, 900) * 1000)} subscribers, ${percent(r, r.int(3, 60))} more than in ${2024 - r.int(0, 4)}.`,
];

const FILLER = [
  'The figures were published before the market opened.',
  'Neither side commented on the discussions.',
  'Investors have been watching the sector closely.',
  'The outlook for the rest of the year remains uncertain.',
  'Regulators have not yet reviewed the proposal.',
  'A spokesperson declined to give further details.',
  'The announcement follows months of speculation.',
  'Competition for computing capacity has intensified.',
];

// ------------------------------------------------------------------------------------------------
// Blocks.
// ------------------------------------------------------------------------------------------------
function paragraph(r, story) {
  const n = r.int(2, 5);
  const c = company(r);
  const out = [];
  // A paragraph is about the story or about some other company, not both (as in real copy).
  for (let k = 0; k < n; k++) {
    if (r.chance(0.8)) out.push(story ? cap(r.pick(STORY)(r, r.chance(0.65))) : r.pick(GENERIC)(r, c));
    else out.push(r.pick(FILLER));
  }
  let text = out.join(' ').replace(/ {2,}/g, ' ');
  if (r.chance(0.3)) {
    const src = r.pick(['Reuters', 'Bloomberg', 'CNBC', 'the Financial Times', 'a company filing']);
    text += ` ([${src}](https://example.com/news/${r.int(1000, 99999)}))`;
  }
  if (story && r.chance(0.08)) text = text.replace(/\.$/, '[^amazon-openai-investment].');
  return text;
}

function table(r, story) {
  const rows = [];
  if (story) {
    rows.push('| Investor | Amount under discussion | Status |', '| --- | ---: | --- |');
    const entries = [
      ['Amazon', money(r, r.chance(0.7) ? 50 : 40), 'in talks'],
      ['SoftBank', money(r, r.chance(0.7) ? 30 : 50), 'in talks'],
      ['Nvidia', money(r, r.chance(0.7) ? 30 : 3), 'considering'],
      ['Microsoft', `${r.chance(0.7) ? 'under' : 'over'} ${money(r, 10)}`, 'considering'],
    ];
    for (const e of r.shuffle(entries).slice(0, r.int(2, 4))) rows.push(`| ${e.join(' | ')} |`);
  } else {
    rows.push('| Quarter | Revenue | Operating margin | Staff |', '| --- | ---: | ---: | ---: |');
    const y = 2024 + r.int(0, 1);
    for (let q = 1; q <= r.int(2, 4); q++) {
      rows.push(`| Q${q} ${y} | ${money(r, r.int(100, 990), 1e6)} | ${r.int(3, 30)}.${r.int(0, 9)}% | ${group(r.int(1, 60) * 100)} |`);
    }
  }
  return rows.join('\n');
}

function codeBlock(r) {
  const kind = r.pick(['json', 'yaml', 'ts', 'text']);
  const v = r.int(10, 99);
  if (kind === 'json') return '```json\n' + JSON.stringify({ deal: 'example', amount_usd: v * 1e9, stake_pct: r.int(1, 20), closes: '2026-03-31' }, null, 2) + '\n```';
  if (kind === 'yaml') return '```yaml\ninvestment:\n  amount: "$' + v + ' billion"\n  round: ' + r.int(1, 5) + '\n  headcount: ' + group(r.int(1, 40) * 1000) + '\n```';
  if (kind === 'ts') return '```ts\nconst valuationUsd = ' + v + '_000_000_000; // $' + v + ' billion\nconst growth = 0.' + r.int(10, 99) + '; // ' + r.int(10, 99) + '%\n```';
  return '```\nrevenue   $' + v + '.' + r.int(0, 9) + 'bn\nmargin    ' + r.int(5, 40) + '%\nstaff     ' + group(r.int(1, 90) * 1000) + '\n```';
}

function list(r, story) {
  const items = [];
  const n = r.int(3, 6);
  for (let k = 0; k < n; k++) {
    if (story) {
      const lead = r.pick(['**Reported**:', '**Also**:', '**Key figure**:', '**Update**:', '**Context**:']);
      items.push(`- ${lead} ${cap(r.pick(STORY)(r, r.chance(0.65)))}`);
    } else {
      items.push(`${r.chance(0.3) ? `${k + 1}.` : '-'} ${r.pick(GENERIC)(r, company(r))}`);
    }
  }
  return items.join('\n');
}

function quote(r) {
  return `> "${r.pick(['This is', 'It is', 'That would be'])} a very large number for a company that is not yet profitable," said ${r.pick(PEOPLE)}, ${r.pick(ROLES)}. "A ${money(r, r.int(5, 90))} cheque changes the picture."`;
}

const HEADLINES_STORY = [
  (r) => `Amazon weighs ${money(r, r.chance(0.7) ? 50 : 40)} bet on OpenAI`,
  () => 'What the OpenAI round means for the cloud race',
  (r) => `OpenAI funding talks: who is putting in what (${MONTHS[r.int(0, 1)]} 2026)`,
  () => 'Layoffs and a record investment in the same week',
  () => 'The money behind the next generation of AI models',
];
const SECTIONS = ['Background', 'The numbers', 'What analysts say', 'Market reaction', 'Next steps', 'Context', 'The wider round', 'Jobs and costs', 'Outlook'];

/** One article: front matter and blocks, between `min` and `max` bytes. */
export function article(seed, i, min = 4096, max = 8192) {
  const r = rng(mix(seed, i));
  const story = r.chance(0.6);
  const c = company(r);
  const target = r.int(min + 200, max - 300);
  const title = story ? r.pick(HEADLINES_STORY)(r) : `${c}: ${r.pick(['results beat forecasts', 'profit warning', 'new chief executive', 'expansion plans', 'cost cuts'])}`;
  const head = [
    '---',
    `title: "${title.replace(/"/g, "'")}"`,
    `date: 2026-0${r.int(1, 2)}-${String(r.int(1, 28)).padStart(2, '0')}`,
    `author: ${r.pick(PEOPLE)}`,
    `tags: [${story ? 'ai, cloud, investment' : 'business, earnings'}]`,
    `slug: article-${String(i).padStart(5, '0')}`,
    '---',
    '',
    `# ${title}`,
    '',
    `*By ${r.pick(PEOPLE)} in ${r.pick(CITIES)}*`,
  ].join('\n');
  let out = head;
  const add = (block) => {
    if (Buffer.byteLength(out) + Buffer.byteLength(block) + 2 > max - 1) return false;
    out += `\n\n${block}`;
    return true;
  };
  let sinceHeading = 0;
  let guard = 0;
  while (Buffer.byteLength(out) < target && guard++ < 200) {
    const roll = r.next();
    let block;
    if (sinceHeading > 3 && roll < 0.35) {
      block = `## ${r.pick(SECTIONS)}`;
      sinceHeading = 0;
    } else if (roll < 0.6) block = paragraph(r, story);
    else if (roll < 0.72) block = list(r, story);
    else if (roll < 0.82) block = table(r, story);
    else if (roll < 0.9) block = codeBlock(r);
    else if (roll < 0.95) block = quote(r);
    else block = paragraph(r, !story);
    sinceHeading++;
    if (!add(block)) break;
  }
  while (Buffer.byteLength(out) < min) if (!add(r.pick(FILLER))) break;
  return `${out}\n`;
}

/** Wraps a paragraph at `width` columns. */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** The long draft: exactly `lines` lines of hard-wrapped story, ~80 bytes a line. */
export function bigDraft(seed, lines = BIG_LINES) {
  const r = rng(mix(seed, 0x7fffffff));
  const out = ['---', 'title: "The long read: Amazon, OpenAI and the money behind AI"', 'date: 2026-01-30', '---', '', '# The long read: Amazon, OpenAI and the money behind AI', ''];
  let section = 0;
  while (out.length < lines) {
    const roll = r.next();
    let block;
    if (roll < 0.06) block = [`## ${r.pick(SECTIONS)} (${++section})`];
    else if (roll < 0.8) block = wrap(paragraph(r, r.chance(0.7)), 260);
    else if (roll < 0.85) block = list(r, true).split('\n');
    else if (roll < 0.93) block = table(r, r.chance(0.6)).split('\n');
    else block = codeBlock(r).split('\n');
    out.push(...block, '');
  }
  // Cut at a blank line at or before the limit and pad with one-line paragraphs.
  let cut = Math.min(out.length, lines);
  while (cut > 0 && out[cut - 1] !== '') cut--;
  const rows = out.slice(0, cut);
  while (rows.length < lines) rows.push(rows.length % 2 ? '' : r.pick(FILLER));
  if (rows[rows.length - 1] !== '') rows[rows.length - 1] = r.pick(FILLER);
  return `${rows.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------------
// On disk.
// ------------------------------------------------------------------------------------------------
export function corpusDir(seed = SEED, version = CORPUS_VERSION) {
  return path.join(CORPUS_ROOT, `v${version}-s${seed}`);
}

/** The corpus' paths; writes it unless its stamp says it is complete for this seed and version. */
export function ensureCorpus({ seed = SEED, version = CORPUS_VERSION, force = false, log = () => {} } = {}) {
  const dir = corpusDir(seed, version);
  const stampFile = path.join(dir, 'stamp.json');
  const stamp = JSON.stringify({ version, seed, sizes: SIZES, bigLines: BIG_LINES });
  const paths = {
    dir,
    sets: Object.fromEntries(SIZES.map((n) => [n, path.join(dir, `files-${n}`)])),
    big: path.join(dir, 'big', `draft-${BIG_LINES}-lines.md`),
  };
  let current = false;
  try {
    current = fs.readFileSync(stampFile, 'utf8') === stamp;
  } catch {
    // not written yet
  }
  if (current && !force) return { ...paths, generated: false };

  // Other seeds or versions are stale: remove them.
  if (fs.existsSync(CORPUS_ROOT)) {
    for (const e of fs.readdirSync(CORPUS_ROOT)) fs.rmSync(path.join(CORPUS_ROOT, e), { recursive: true, force: true });
  }
  const t0 = Date.now();
  const max = Math.max(...SIZES);
  const texts = [];
  for (let i = 0; i < max; i++) texts.push(article(seed, i));
  for (const n of SIZES) {
    for (let i = 0; i < n; i++) {
      const sub = path.join(paths.sets[n], `section-${String(Math.floor(i / 100)).padStart(3, '0')}`);
      if (i % 100 === 0) fs.mkdirSync(sub, { recursive: true });
      fs.writeFileSync(path.join(sub, `article-${String(i).padStart(5, '0')}.md`), texts[i]);
    }
  }
  fs.mkdirSync(path.dirname(paths.big), { recursive: true });
  fs.writeFileSync(paths.big, bigDraft(seed));
  fs.writeFileSync(stampFile, stamp);
  log(`corpus: generated ${SIZES.join(' + ')} articles and a ${BIG_LINES}-line draft in ${Date.now() - t0} ms (${path.relative(process.cwd(), dir)})`);
  return { ...paths, generated: true };
}

/** All Markdown files under a folder, sorted. */
export function listMarkdown(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const c = ensureCorpus({ force: process.argv.includes('--force'), log: (s) => console.log(s) });
  const stats = (files) => {
    const sizes = files.map((f) => fs.statSync(f).size);
    return `${files.length} files, ${(sizes.reduce((a, b) => a + b, 0) / 1e6).toFixed(1)} MB, ${Math.min(...sizes)}-${Math.max(...sizes)} bytes`;
  };
  for (const [n, d] of Object.entries(c.sets)) console.log(`files-${n}: ${stats(listMarkdown(d))}`);
  const big = fs.readFileSync(c.big, 'utf8');
  console.log(`big: ${big.split('\n').length - 1} lines, ${(Buffer.byteLength(big) / 1e6).toFixed(2)} MB`);
  console.log(c.dir);
}
