import fp from 'fastify-plugin';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadModerationConfig, type ModerationConfig } from '../../../moderation/index';

declare module 'fastify' {
  interface FastifyInstance {
    /** The automatic moderation rules, read once at boot from config/moderation-rules.json. */
    moderationRules: ModerationConfig;
  }
}

async function moderationRulesPlugin(app: FastifyInstance): Promise<void> {
  app.decorate('moderationRules', loadModerationConfig(join(app.config.configDir, 'moderation-rules.json')));
}

export default fp(moderationRulesPlugin, { name: 'moderation-rules' });
