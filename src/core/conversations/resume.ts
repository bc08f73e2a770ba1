import { existsSync } from 'node:fs';
import type { LoadedConversation } from '../chat/session-types';
import { type CacheSetting, type ConversationSize, EMPTY_CONVERSATION } from '../chat/next-turn';
import { cacheableTokens, cacheRulesFor, marksPrompt } from '../providers/cache-rules';
import type { ChatMessage } from '../providers/types';
import { ConversationError } from './errors';
import { type ConversationStore, openConversationStore } from './store';
import type { Conversation } from './types';

/** Which saved conversation to continue: the latest (`--continue`), or one by id (`--resume`). */
export type ResumeRef = { readonly latest: true } | { readonly id: string };

/**
 * Reads the conversation `ref` names from the store at `file`, without creating the file.
 * Throws {@link ConversationError}: exit 2 when there is none to continue or the id is unknown or
 * ambiguous, exit 1 when the store cannot be read.
 */
export function loadConversation(file: string, ref: ResumeRef): Conversation {
  if (!existsSync(file)) throw nothingSaved(file, ref);
  const store = openConversationStore(file);
  try {
    return readConversation(store, ref);
  } finally {
    store.close();
  }
}

/** {@link loadConversation} on an open store. */
export function readConversation(store: ConversationStore, ref: ResumeRef): Conversation {
  const id = 'id' in ref ? store.resolve(ref.id) : store.latest();
  const conversation = id === null ? null : store.get(id);
  if (conversation === null) throw nothingSaved(store.file, ref);
  return conversation;
}

function nothingSaved(file: string, ref: ResumeRef): ConversationError {
  const message =
    'id' in ref
      ? `No saved conversation starts with "${ref.id}". See chatmeter conversations list.`
      : 'No saved conversation to continue yet; run chatmeter without --continue to start one.';
  return new ConversationError(message, { file, exitCode: 2 });
}

/** The conversation's messages as the history a chat session sends. */
export function historyOf(conversation: Conversation): ChatMessage[] {
  return conversation.messages.map(({ role, content }) => ({ role, content }));
}

/** What a resumed conversation goes on with: the provider, model and system prompt it is sent. */
export interface ResumeTarget {
  readonly providerId: string;
  readonly model: string;
  readonly system: string | undefined;
  /** The prompt caching the next request asks for; absent: off. */
  readonly cache?: CacheSetting;
}

/**
 * The conversation as a chat session loads it: its id (the prompt cache key), its messages, and
 * its size as its last call measured it when the provider reported it (not estimated, not cut
 * off by a cancel) and the next request goes to the same provider and model with the same system
 * prompt, so the next-turn figure is exact at once. With caching on, the prompt that call sent is
 * what the provider's cache holds from its end (breakpoints mark the whole prompt once it reaches
 * the model's minimum; automatic caching keeps its steps), so a resume within the cache's life
 * reads it. Otherwise the session counts the conversation with the tokenizer.
 */
export function loadedConversation(
  conversation: Conversation,
  target: ResumeTarget,
): LoadedConversation {
  const loaded = { id: conversation.id, messages: historyOf(conversation) };
  const last = conversation.messages.at(-1);
  const measured =
    last?.role === 'assistant' &&
    last.outcome === 'ok' &&
    last.estimated === false &&
    last.promptTokens !== null &&
    last.outputTokens !== null &&
    last.provider === target.providerId &&
    last.model === target.model &&
    (conversation.system ?? undefined) === target.system;
  if (!measured) return loaded;
  const prompt = last.promptTokens ?? 0;
  const cachedTokens = cachedPromptTokens(target, prompt);
  const size: ConversationSize = {
    ...EMPTY_CONVERSATION,
    tokens: contextTokensOf(conversation),
    ...(cachedTokens > 0
      ? { cachedTokens, cachedAtMs: last.createdAtMs, cachedModel: last.model }
      : {}),
  };
  return { ...loaded, size };
}

/** The leading tokens of a `prompt` that a call with `target`'s caching left in the cache. */
function cachedPromptTokens(target: ResumeTarget, prompt: number): number {
  const cache = target.cache ?? 'off';
  if (cache === 'off') return 0;
  const rules = cacheRulesFor(target.providerId, target.model);
  if (rules.style === 'automatic') return cacheableTokens(rules, prompt);
  return marksPrompt(rules, cache, prompt) ? prompt : 0;
}

/**
 * Tokens the conversation occupied at its last reply (that call's prompt plus its output), as the
 * provider reported them; 0 when nothing was measured.
 */
export function contextTokensOf(conversation: Conversation): number {
  const last = conversation.messages.findLast((m) => m.role === 'assistant');
  return (last?.promptTokens ?? 0) + (last?.outputTokens ?? 0);
}

/** The short form of a conversation id that lists and notices show (8 characters). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
