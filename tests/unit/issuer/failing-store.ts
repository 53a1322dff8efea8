// A real issuer store with one write inside its transactions made to fail, for the tests of what a
// failure half-way leaves behind (the exchange of a token, a bulk import).
import type { IssuerStore, IssuerTx } from '../../../src/issuer/types.ts';

/** `inner` with every transaction's writes passed through `wrap`; everything else straight to it. */
export function storeWithTx(inner: IssuerStore, wrap: (tx: IssuerTx) => IssuerTx): IssuerStore {
  return {
    loadBinding: (c, u) => inner.loadBinding(c, u),
    loadAllBindings: () => inner.loadAllBindings(),
    acceptStep: (a) => inner.acceptStep(a),
    recordFailure: (a) => inner.recordFailure(a),
    appendAudit: (e) => inner.appendAudit(e),
    listAudit: (q) => inner.listAudit(q),
    searchUsers: (q, l, n) => inner.searchUsers(q, l, n),
    pinAttempt: (c, m) => inner.pinAttempt(c, m),
    pinReset: (c) => inner.pinReset(c),
    listCompanies: () => inner.listCompanies(),
    transaction: <T>(fn: (tx: IssuerTx) => Promise<T>) => inner.transaction((tx) => fn(wrap(tx))),
  };
}

/** `inner` whose transactions' putUser throws "disk full" while `failing()` is true. */
export function failingPutUser(inner: IssuerStore, failing: () => boolean): IssuerStore {
  return storeWithTx(inner, (tx) => ({
    ...tx,
    putUser: async (u) => {
      if (failing()) throw new Error('disk full');
      return tx.putUser(u);
    },
  }));
}
