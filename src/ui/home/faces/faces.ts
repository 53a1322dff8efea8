// The card part of each token type (src/core/token-types.ts has the rest of each type).
import type { Component } from 'svelte';
import type { TokenType } from '../../../core/token-spec.ts';
import type { CardPartProps } from '../card-part.ts';
import TotpFace from './TotpFace.svelte';
import HotpFace from './HotpFace.svelte';
import OcraFace from './OcraFace.svelte';

export const FACES: Record<TokenType, Component<CardPartProps>> = {
  totp: TotpFace,
  hotp: HotpFace,
  ocra: OcraFace,
};
