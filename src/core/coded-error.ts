/** A refusal typed by its code; each part's error class (IssuerError, PskcError, OcraInputError) is one. */
export class CodedError<Code extends string> extends Error {
  readonly code: Code;

  constructor(code: Code, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
  }
}
