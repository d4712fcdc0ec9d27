// Stands in for @actions/http-client inside the Action's bundle (see scripts/build-action.mjs): @actions/core needs it
// only for OIDC tokens (getIDToken), which keyhound never asks for.

function unavailable(): never {
  throw new Error('keyhound: @actions/http-client is not bundled (OIDC tokens are not used)');
}

export class HttpClient {
  constructor() {
    unavailable();
  }
}

export class BearerCredentialHandler {
  constructor() {
    unavailable();
  }
}
