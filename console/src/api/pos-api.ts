// The Customers and Transactions endpoints, one method each, called as the signed-in client.
import type { ApiFailure } from './api-failure.ts';
import type {
  Authorization,
  AuthorizationPage,
  AuthorizationsQuery,
  AuthorizeRequest,
  CaptureRequest,
  CloseAnswer,
  InterestAnswer,
  LicenceFields,
  LookupAnswer,
  LookupBy,
  ReleaseRequest,
  ReturnAnswer,
  ReturnRequest,
  SearchItem,
  SearchQuery,
  VerifyAnswer,
  VerifyRequest,
} from './contract.ts';
import { callApi, type ApiRequest } from './http.ts';
import type { Session } from '../session/session.ts';
import type { Lang } from '../i18n/dictionary.ts';

const LANG_PARAM: Record<Lang, string> = { en: 'en-CA', fr: 'fr-CA' };

export class PosApi {
  constructor(
    private readonly session: Session,
    /** Called when the service no longer accepts the token: the UI goes back to sign-in. */
    private readonly onInvalidToken: (failure: ApiFailure) => void,
  ) {}

  private clientPath(version: 'v2.5' | 'v2.5.1', rest: string): string {
    return `/${version}/client-id/${encodeURIComponent(this.session.clientId)}${rest}`;
  }

  private async call<T>(request: Omit<ApiRequest, 'token'>): Promise<T> {
    try {
      return await callApi<T>({ ...request, token: this.session.token });
    } catch (error) {
      if ((error as ApiFailure).code === 'invalid_token') this.onInvalidToken(error as ApiFailure);
      throw error;
    }
  }

  search(query: SearchQuery): Promise<SearchItem[]> {
    return this.call({ method: 'GET', path: this.clientPath('v2.5', '/customers/search'), query: { ...query } });
  }

  lookup(by: LookupBy, value: string, lang: Lang): Promise<LookupAnswer> {
    return this.call({ method: 'GET', path: this.clientPath('v2.5', '/customers/lookup'), query: { [by]: value, lang: LANG_PARAM[lang] } });
  }

  decodeLicence(code: string): Promise<LicenceFields> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5', '/customers/driverslicense'), json: { code } });
  }

  verify(accountNumber: number, request: VerifyRequest): Promise<VerifyAnswer> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5', `/account/${accountNumber}/verify`), json: request });
  }

  calculateInterest(accountNumber: number, amount: number, lang: Lang): Promise<InterestAnswer> {
    return this.call({
      method: 'POST',
      path: this.clientPath('v2.5.1', `/accounts/${accountNumber}/calculate-interest`),
      query: { lang: LANG_PARAM[lang] },
      json: { amount },
    });
  }

  closeAccount(accountNumber: number): Promise<CloseAnswer> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5', `/accounts/${accountNumber}/close`), json: {} });
  }

  authorize(request: AuthorizeRequest): Promise<Authorization> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5.1', '/authorization'), json: request });
  }

  capture(authorizationId: string, request: CaptureRequest): Promise<Authorization> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5.1', `/authorization/${encodeURIComponent(authorizationId)}/capture`), json: request });
  }

  release(authorizationId: string, request: ReleaseRequest): Promise<Authorization> {
    return this.call({ method: 'POST', path: this.clientPath('v2.5.1', `/authorization/${encodeURIComponent(authorizationId)}/release`), json: request });
  }

  returnCapture(authorizationId: string, captureId: string, request: ReturnRequest): Promise<ReturnAnswer> {
    const path = `/authorization/${encodeURIComponent(authorizationId)}/capture/${encodeURIComponent(captureId)}/return`;
    return this.call({ method: 'POST', path: this.clientPath('v2.5.1', path), json: request });
  }

  listAuthorizations(query: AuthorizationsQuery): Promise<AuthorizationPage> {
    return this.call({ method: 'GET', path: this.clientPath('v2.5.1', '/authorizations'), query: { ...query } });
  }
}
