/**
 * The knowledge-gap report (pure, issue 14): questions that ended in suggestions, a hand-over or "Hat nicht
 * geholfen", grouped into topics (gaps-topics.ts), with counts per ISO week (Berlin calendar), a trend (the
 * last four weeks against the four before), a few anonymised example questions and feedback comments; and
 * the passages with repeated negative feedback, listed for review.
 */
import { addDays, berlinDate, type CalendarDate } from '../core/berlin-time.js';
import type { QuestionRecord } from './gaps-record.js';
import type { FeedbackVote } from './gaps-store.js';
import { questionTerms, sharedTerms, topicKeys } from './gaps-topics.js';

export type GapKind = 'suggested' | 'handover' | 'not_helpful';
export type Trend = 'neu' | 'steigend' | 'gleich' | 'fallend';

/** Negative votes on one passage from which it is listed for review (and more negative than positive). */
export const REVIEW_THRESHOLD = 2;
/** Example questions and comments shown per topic. */
export const EXAMPLES_PER_TOPIC = 3;
/** Weeks compared for the trend (this many against the same number before). */
export const TREND_WEEKS = 4;

export interface WeekCounts {
  week: string;
  suggested: number;
  handover: number;
  notHelpful: number;
  total: number;
}

export interface GapTopic {
  id: string;
  passageId: string | null;
  passageTitle: string | null;
  terms: string[];
  count: number;
  suggested: number;
  handover: number;
  notHelpful: number;
  weeks: { week: string; count: number }[];
  trend: Trend;
  examples: string[];
  comments: string[];
  lastAt: string;
}

export interface PassageReview {
  passageId: string;
  passageTitle: string | null;
  negative: number;
  positive: number;
  comments: string[];
}

export interface GapReport {
  generatedAt: string;
  since: string;
  totals: { gaps: number; suggested: number; handover: number; notHelpful: number };
  weeks: WeekCounts[];
  topics: GapTopic[];
  review: PassageReview[];
}

interface GapItem {
  kind: GapKind;
  at: string;
  question: string | null;
  passageId: string | null;
  passageTitle: string | null;
  comment: string | null;
}

/** ISO 8601 week of a calendar date: `2026-W49`. */
export function isoWeek(date: CalendarDate): string {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Every ISO week from `since` to `now`, oldest first. */
export function weeksBetween(since: Date, now: Date): string[] {
  const out: string[] = [];
  let date = berlinDate(since);
  const last = isoWeek(berlinDate(now));
  for (let guard = 0; guard < 600; guard += 1) {
    const week = isoWeek(date);
    if (out.at(-1) !== week) out.push(week);
    if (week === last) break;
    date = addDays(date, 7);
  }
  return out;
}

export function trendOf(recent: number, before: number): Trend {
  if (before === 0) return recent > 0 ? 'neu' : 'gleich';
  if (recent > before) return 'steigend';
  if (recent < before) return 'fallend';
  return 'gleich';
}

function gapItems(questions: QuestionRecord[], votes: FeedbackVote[], questionFor: (key: string) => QuestionRecord | null): GapItem[] {
  const items: GapItem[] = [];
  for (const q of questions) {
    if (q.outcome === 'answered') continue;
    items.push({ kind: q.outcome, at: q.askedAt, question: q.question, passageId: q.passageId, passageTitle: q.passageTitle, comment: null });
  }
  const byKey = new Map(questions.map((q) => [q.enquiryKey, q]));
  for (const v of votes) {
    if (v.helpful) continue;
    const q = byKey.get(v.enquiryKey) ?? questionFor(v.enquiryKey);
    const passageId = v.passageId ?? q?.passageId ?? null;
    items.push({ kind: 'not_helpful', at: v.createdAt, question: q?.question ?? null, passageId, passageTitle: q !== null && q !== undefined && q.passageId === passageId ? q.passageTitle : null, comment: v.comment });
  }
  return items.sort((a, b) => a.at.localeCompare(b.at));
}

const countKind = (items: GapItem[], kind: GapKind): number => items.filter((i) => i.kind === kind).length;
const newestFirst = <T>(list: T[]): T[] => [...list].reverse();
const distinct = (list: (string | null)[], limit: number): string[] => [...new Set(list.filter((x): x is string => x !== null && x.trim() !== ''))].slice(0, limit);

/**
 * Builds the report for the period from `since` to `now`. `titleOf` names a passage (from the loaded
 * knowledge base) when the stored record has no title.
 */
export function buildGapReport(input: {
  questions: QuestionRecord[];
  votes: FeedbackVote[];
  since: Date;
  now: Date;
  questionFor?: (key: string) => QuestionRecord | null;
  titleOf?: (passageId: string) => string | null;
}): GapReport {
  const { since, now } = input;
  const items = gapItems(input.questions, input.votes, input.questionFor ?? (() => null));
  const weeks = weeksBetween(since, now);
  const weekOf = (iso: string): string => isoWeek(berlinDate(new Date(iso)));
  const recent = new Set(weeks.slice(-TREND_WEEKS));
  const before = new Set(weeks.slice(-2 * TREND_WEEKS, -TREND_WEEKS));
  const titleOf = (id: string | null, stored: string | null): string | null => stored ?? (id === null ? null : (input.titleOf?.(id) ?? null));

  const terms = items.map((i) => questionTerms(i.question ?? ''));
  const keys = topicKeys(items.map((i, n) => ({ passageId: i.passageId, terms: terms[n] ?? [] })));
  const groups = new Map<string, number[]>();
  keys.forEach((key, n) => groups.set(key, [...(groups.get(key) ?? []), n]));

  const topics: GapTopic[] = [...groups.entries()].map(([id, members]) => {
    const its = members.map((n) => items[n]!);
    const perWeek = new Map<string, number>();
    for (const i of its) perWeek.set(weekOf(i.at), (perWeek.get(weekOf(i.at)) ?? 0) + 1);
    const inWeeks = (set: Set<string>): number => its.filter((i) => set.has(weekOf(i.at))).length;
    const first = its.find((i) => i.passageId !== null);
    return {
      id,
      passageId: first?.passageId ?? null,
      passageTitle: first === undefined ? null : titleOf(first.passageId, its.find((i) => i.passageTitle !== null)?.passageTitle ?? null),
      terms: sharedTerms(members.map((n) => terms[n] ?? [])),
      count: its.length,
      suggested: countKind(its, 'suggested'),
      handover: countKind(its, 'handover'),
      notHelpful: countKind(its, 'not_helpful'),
      weeks: weeks.map((week) => ({ week, count: perWeek.get(week) ?? 0 })),
      trend: trendOf(inWeeks(recent), inWeeks(before)),
      examples: distinct(newestFirst(its).map((i) => i.question), EXAMPLES_PER_TOPIC),
      comments: distinct(newestFirst(its).map((i) => i.comment), EXAMPLES_PER_TOPIC),
      lastAt: its.at(-1)!.at,
    };
  });
  topics.sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.id.localeCompare(b.id));

  const weekRows: WeekCounts[] = weeks.map((week) => {
    const its = items.filter((i) => weekOf(i.at) === week);
    return { week, suggested: countKind(its, 'suggested'), handover: countKind(its, 'handover'), notHelpful: countKind(its, 'not_helpful'), total: its.length };
  });

  return {
    generatedAt: now.toISOString(),
    since: since.toISOString(),
    totals: { gaps: items.length, suggested: countKind(items, 'suggested'), handover: countKind(items, 'handover'), notHelpful: countKind(items, 'not_helpful') },
    weeks: weekRows,
    topics,
    review: passageReview(input.votes, (id) => titleOf(id, input.questions.find((q) => q.passageId === id)?.passageTitle ?? null)),
  };
}

/** Passages with at least {@link REVIEW_THRESHOLD} negative votes and more negative than positive ones. */
export function passageReview(votes: FeedbackVote[], titleOf: (id: string) => string | null): PassageReview[] {
  const byPassage = new Map<string, FeedbackVote[]>();
  for (const v of votes) if (v.passageId !== null) byPassage.set(v.passageId, [...(byPassage.get(v.passageId) ?? []), v]);
  return [...byPassage.entries()]
    .map(([passageId, vs]) => ({
      passageId,
      passageTitle: titleOf(passageId),
      negative: vs.filter((v) => !v.helpful).length,
      positive: vs.filter((v) => v.helpful).length,
      comments: distinct(newestFirst(vs.filter((v) => !v.helpful)).map((v) => v.comment), EXAMPLES_PER_TOPIC),
    }))
    .filter((r) => r.negative >= REVIEW_THRESHOLD && r.negative > r.positive)
    .sort((a, b) => b.negative - a.negative || a.passageId.localeCompare(b.passageId));
}
