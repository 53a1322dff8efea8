/**
 * A refusal typed by its code, with an optional detail the message can name; each part's error
 * class (OtpauthError, TransactionError, OcraInputError, IssuerError, PskcError) is one.
 */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  readonly detail?: string;

  constructor(code: Code, detail?: string) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.code = code;
    if (detail !== undefined) this.detail = detail;
  }
}
