// The session.* methods: the renderer saying the person is still there.
import type { ApiImpl } from '../../../common/ipc/contract.js';
import type { SessionService } from './session-service.js';

export function createSessionMethods(session: SessionService): ApiImpl['session'] {
  return {
    activity: () => {
      session.activity();
    },
  };
}
