import { describe, expect, it } from 'vitest';
import { createAdapters } from '../../../src/channels/teams/bot-framework/adapter.teams.js';
import { silentLogger } from '../../../src/core/ports.js';

describe(createAdapters.name, () => {
  it('runs unauthenticated without an app id, even when the app type says SingleTenant', () => {
    const adapters = createAdapters({ MicrosoftAppType: 'SingleTenant' }, silentLogger);
    expect(adapters).toMatchObject({ appId: '', isAuthenticated: false });
  });

  it('authenticates with a single-tenant registration', () => {
    const adapters = createAdapters(
      { MicrosoftAppId: '3f2b7c1e-1111-4222-8333-444455556666', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-1' },
      silentLogger,
    );
    expect(adapters).toMatchObject({ appId: '3f2b7c1e-1111-4222-8333-444455556666', isAuthenticated: true });
  });
});
