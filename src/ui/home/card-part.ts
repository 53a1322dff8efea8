// What every part of a token's card (its face, its grip) is given: the token and the name it is read out by.
import type { TokenMeta } from '../../vault/records.ts';

export interface CardPartProps {
  token: TokenMeta;
  name: string;
}
