/** A WHERE clause built from optional conditions, each `?` becoming the next numbered parameter. */
export class SqlWhere {
  readonly params: unknown[] = [];
  readonly #conditions: string[] = [];

  /** `sql` with its `?`s, in order, bound to `values`. */
  add(sql: string, ...values: unknown[]): void {
    let text = sql;
    for (const value of values) text = text.replace('?', `$${this.params.push(value)}`);
    this.#conditions.push(text);
  }

  /** The placeholder of one more parameter (LIMIT, OFFSET) after the conditions'. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  toString(): string {
    return this.#conditions.length ? `WHERE ${this.#conditions.join(' AND ')}` : '';
  }
}
