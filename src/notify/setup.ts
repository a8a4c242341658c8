// Builds the configured hooks (alerts.webhook, alerts.command) with their redacted targets and secrets.
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { HookId } from '../model/hooks.js';
import { urlOrigin, urlSecrets } from '../model/redact.js';
import { commandHook } from './command.js';
import type { Hook } from './notifier.js';
import { webhookHook, type WebhookOptions } from './webhook.js';

/** Each configured hook with what may be shown of its target: a webhook's origin, a command's program name. */
export function hookTargets(hooks: Config['hooks']): { id: HookId; target: string }[] {
  return [
    ...(hooks.webhook ? [{ id: 'webhook' as const, target: urlOrigin(hooks.webhook.url) }] : []),
    ...(hooks.command ? [{ id: 'command' as const, target: path.basename(hooks.command.argv[0] ?? '') }] : []),
  ];
}

/** Every string of the hooks' config that must never be shown: header values and the parts of the webhook URL. */
export function hookSecrets(hooks: Config['hooks']): string[] {
  const webhook = hooks.webhook;
  if (!webhook) return [];
  const values = Object.values(webhook.headers ?? {});
  // "Bearer abc…": the token alone too, in case only it is echoed.
  return [...values, ...values.flatMap((v) => v.split(/\s+/)).filter((v) => v.length >= 8), ...urlSecrets(webhook.url)];
}

/** The Hook objects the notifier runs. */
export function buildHooks(hooks: Config['hooks'], opts: WebhookOptions): Hook[] {
  return [
    ...(hooks.webhook ? [{ id: 'webhook' as const, deliver: webhookHook(hooks.webhook, opts) }] : []),
    ...(hooks.command ? [{ id: 'command' as const, deliver: commandHook(hooks.command) }] : []),
  ];
}
