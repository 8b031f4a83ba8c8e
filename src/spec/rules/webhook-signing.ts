/**
 * An unsigned webhook runs its tool for anyone who can reach the listener: it is outside inbound auth (a
 * sender such as GitHub cannot present the server's API key or token), so only a signature proves who sent
 * it. A warning in general; an error when the server has inbound auth on HTTP, where an unsigned webhook
 * would be a way around it.
 */
import { findings, type SpecRule } from './rule.js';

export const unsignedWebhook: SpecRule = {
  name: 'unsigned-webhook',
  check({ spec }) {
    const report = findings('unsigned-webhook');
    const guarded = spec.transport === 'http' && spec.auth.type !== 'none';
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'webhook' || trigger.secret) return;
      const hint = `add \`secret: { envVar: ${suggestedEnvVar(trigger.path)}, scheme: github }\` (or scheme: standard) and give the sender the same secret`;
      if (guarded) {
        report.error(
          ['triggers', index],
          `webhook ${trigger.path} has no secret: anyone could run ${trigger.tool} around the server's ${spec.auth.type} auth`,
          hint,
        );
      } else {
        report.warning(
          ['triggers', index],
          `webhook ${trigger.path} has no secret: anyone who can reach it can run ${trigger.tool}`,
          hint,
        );
      }
    });
    return report.list;
  },
};

/** `/hooks/order-update` → `ORDER_UPDATE_WEBHOOK_SECRET`, for a hint the author can paste. */
function suggestedEnvVar(path: string): string {
  const last = path.split('/').filter(Boolean).at(-1) ?? 'hook';
  const stem =
    last
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'HOOK';
  return `${/^[0-9]/.test(stem) ? `HOOK_${stem}` : stem}_WEBHOOK_SECRET`;
}
