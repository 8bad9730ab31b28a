// Words that tell what a figure measures and whether the draft presents it as done or proposed.
import type { Measure } from '../facts/schema.js';

/** Phrases (lower case, space-separated words) that signal each measure. */
export const MEASURE_WORDS: Record<Measure, string[]> = {
  investment: [
    'invest', 'invests', 'investing', 'invested', 'investment', 'investments', 'investor', 'investors', 'stake', 'stakes',
    'backing', 'backer', 'backers', 'put', 'puts', 'putting', 'pour', 'pours', 'pouring', 'poured', 'contribute', 'contributes',
    'contributing', 'contribution', 'contributor', 'commit', 'commits', 'committed', 'commitment', 'cheque', 'check', 'ticket',
    'inject', 'injecting', 'injection', 'pump', 'pumping', 'pumped', 'plough', 'plow', 'sink', 'sinking', 'bet', 'wager', 'money in',
    'on offer', 'offer', 'offering', 'weighing', 'considering', 'mulling', 'eyeing', 'chip in', 'funding from', 'funded', 'fund',
    'equity', 'share of the round', 'participate', 'participation', 'money', 'exposure',
  ],
  fundraise: [
    'raise', 'raises', 'raising', 'round', 'rounds', 'fundraising', 'fundraise', 'fund-raising', 'funding round', 'capital raise',
    'mega-round', 'seek', 'seeks', 'seeking', 'target', 'targets', 'war chest', 'haul', 'financing', 'funding', 'new capital',
    'cash call', 'injection',
  ],
  valuation: [
    'value', 'values', 'valued', 'valuing', 'valuation', 'valuations', 'worth', 'price tag', 'priced', 'price', 'pricing',
    'market value', 'market cap', 'market capitalisation', 'market capitalization',
  ],
  revenue: ['revenue', 'revenues', 'sales', 'run rate', 'run-rate', 'turnover', 'income', 'annualised', 'annualized', 'top line', 'earn', 'earns'],
  spending: [
    'capex', 'capital expenditure', 'capital expenditures', 'capital spending', 'capital-spending', 'spend', 'spends', 'spending',
    'spent', 'outlay', 'outlays', 'budget', 'guide', 'guidance', 'guided', 'expenditure',
  ],
  deal: ['deal', 'deals', 'agreement', 'agreements', 'contract', 'contracts', 'pact', 'arrangement', 'accord', 'partnership', 'signed', 'sign', 'struck'],
  facility: ['campus', 'data centre', 'data center', 'data-centre', 'data-center', 'facility', 'facilities', 'site', 'complex', 'cluster'],
  workforce: [
    'jobs', 'job', 'roles', 'role', 'positions', 'position', 'layoffs', 'layoff', 'lay off', 'laid off', 'cuts', 'cut', 'staff',
    'employees', 'workers', 'workforce', 'headcount', 'people', 'cull', 'redundancies', 'eliminated', 'eliminating', 'fired', 'firing',
  ],
  'share-price': ['shares', 'share', 'stock', 'share price', 'fell', 'fall', 'falls', 'drop', 'dropped', 'drops', 'slid', 'slipped', 'declined', 'sank', 'tumbled', 'down', 'closed', 'lost'],
  'funding-structure': ['tranche', 'tranches', 'stages', 'stage', 'instalments', 'installments', 'phases', 'parts', 'steps'],
  timing: [],
};

/** Measures whose words can describe each other's figures without contradiction. */
export const RELATED_MEASURES: Partial<Record<Measure, Measure[]>> = {
  investment: ['fundraise', 'deal'],
  fundraise: ['investment', 'funding-structure'],
  'funding-structure': ['fundraise', 'investment'],
  deal: ['investment', 'facility', 'spending'],
  facility: ['spending', 'deal', 'investment'],
  spending: ['facility', 'deal', 'investment'],
  valuation: [],
  revenue: [],
};

/** Words that present a figure as done. */
export const COMPLETION_WORDS = [
  'has invested', 'have invested', 'had invested', 'invested', 'has put', 'have put', 'has poured', 'poured', 'has pumped', 'pumped',
  'has injected', 'injected', 'has committed', 'has sunk', 'sank', 'has ploughed', 'completed', 'closed', 'finalised', 'finalized',
  'sealed', 'has signed', 'signed', 'has agreed', 'agreed to invest', 'has bought', 'bought', 'acquired', 'has taken', 'owns',
  'shareholder', 'has handed', 'handed', 'transferred', 'already', 'committed', 'has already', 'have already', 'became',
];

/** Words that present a figure as decided, in the future or now: not done, but no longer talks. */
export const COMMITMENT_WORDS = ['is investing', 'is putting', 'will invest', 'will put', 'is pouring', 'will pour', 'will inject', 'is injecting', 'will contribute', 'will commit'];

/** Words that present a figure as proposed, reported or uncertain. */
export const HEDGE_WORDS = [
  'talks', 'talk', 'talking', 'negotiating', 'negotiation', 'negotiations', 'negotiate', 'discussing', 'discussion', 'discussions',
  'could', 'would', 'may', 'might', 'considering', 'consider', 'considers', 'weighing', 'weighs', 'weigh', 'mulling', 'mull',
  'plans', 'plan', 'planning', 'planned', 'proposed', 'proposal', 'proposes', 'potential', 'potentially', 'possible', 'possibly',
  'expected', 'expects', 'seeking', 'seeks', 'aims', 'aiming', 'pursuing', 'exploring', 'explore', 'if', 'whether', 'reportedly',
  'rumoured', 'rumored', 'eyeing', 'offer', 'offering', 'on offer', 'pitch', 'pitched', 'bid', 'courting', 'floated', 'prospect',
  'not yet', 'still', 'hopes', 'intends', 'intend', 'set to', 'poised', 'near', 'nearing', 'close to a deal', 'term sheet', 'unconfirmed',
];

/** Words that refer back to the last named company. */
export const PRONOUNS = new Set(['it', 'its', "it's", 'itself']);
export const DESCRIPTOR_HEADS = new Set([
  'company', 'firm', 'startup', 'start-up', 'lab', 'laboratory', 'group', 'business', 'giant', 'maker', 'developer', 'creator',
  'retailer', 'conglomerate', 'outfit', 'investor', 'backer', 'partner', 'rival', 'chipmaker', 'provider',
]);

/** Capitalised words that are never company names (sentence starts aside). */
export const NOT_NAMES = new Set([
  'the', 'a', 'an', 'and', 'or', 'but', 'in', 'on', 'at', 'of', 'for', 'to', 'by', 'with', 'from', 'as', 'it', 'its', 'this',
  'that', 'these', 'those', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'ceo', 'chief', 'executive',
  'ai', 'ipo', 'us', 'u', 's', 'uk', 'eu', 'q', 'h', 'bn', 'b', 'm', 'k', 'gpu', 'gpus', 'api', 'faq', 'tldr', 'note', 'bottom',
  'line', 'why', 'what', 'who', 'how', 'when', 'where', 'yes', 'no', 'big', 'tech', 'reported', 'figure', 'investor', 'backer',
  'lab', 'valuation', 'item', 'when', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'capex', 'share', 'money', 'staff', 'report',
  'separately', 'other', 'earnings', 'whether', 'how', 'negotiating', 'in', 'project', 'rainier', 'indiana', 'chatgpt', 'claude',
  'azure', 'trainium', 'alexa', 'reuters', 'bloomberg', 'cnbc', 'wsj', 'street', 'wall', 'journal', 'techcrunch', 'yahoo',
  'finance', 'background', 'notes', 'timeline', 'explainer', 'brief', 'cuts', 'corporate', 'layoffs', 'sources', 'according',
]);

/** Words that mark a clause as retracting an earlier claim ("an earlier version said", "we reported"). */
export const RETRACTION_WORDS = [
  'earlier version', 'previous version', 'we said', 'we reported', 'we wrote', 'we stated', 'article said', 'article stated',
  'story said', 'incorrectly', 'mistakenly', 'erroneously', 'misstated', 'misreported', 'wrongly', 'as we reported',
  'previously reported', 'originally reported',
];

/** Verbs that date another event than the figure's ("founded in 2015", "launched in 2006"). */
export const EVENT_VERBS = new Set(['founded', 'launched', 'established', 'created', 'born', 'started', 'incorporated', 'formed', 'opened', 'listed', 'acquired', 'built']);
