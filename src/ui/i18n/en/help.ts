// English: the help strings, in the shape of ja/help.ts.
import type { HelpStrings } from '../ja/help.ts';

export default {
  help: {
    codeTitle: 'The code and the serial number',
    codeBody:
      'The one-time password is the 6-digit code you enter each time you sign in to internet banking or approve a transfer. It changes every 30 seconds; the ring shows the seconds until the next one. The serial number is how the bank tells this token apart; switch to it from the menu (≡).',
    activationTitle: 'Getting started',
    activationSteps: [
      'Add a token in this app and show its serial number.',
      "Your company's administrator signs in to the bank's admin screen with the administrator's electronic certificate, the contract password and the customer card (the digits of the two cells the screen names).",
      "The administrator enters the serial number, the code shown now and the administrator's confirmation PIN.",
      'Once the bank has checked the code, the token is registered to the user and ready to use.',
    ],
    changeTitle: 'Changing phones',
    changeBody:
      'Open this app on the new phone, add a token, and ask the administrator (or the bank) to run a token exchange with the new serial number and code. A token cannot be copied or exported from the old phone. After the exchange, the old token stops working. If the old phone’s token locks before the exchange, the company asks the bank in writing to clear all its one-time-password settings (cancellation, 解約); then the tokens are registered again.',
    lostTitle: 'If your phone is lost or stolen',
    lostSteps: [
      'Contact the bank at once so it can stop the token.',
      "Tell your company's administrator too: the administrator can suspend the token at once with the accident setting (事故設定) in the admin screen, and lift it again; a stop made by the bank is lifted only by the bank.",
      'When you have a new phone, add a token and have the administrator (or the bank) register it again.',
    ],
    contactTitle: 'Bank contact',
    contactPhone: 'Phone',
    contactHours: 'Hours',
    noContact: "Find the bank's contact details in the papers the bank gave you or on your bank's website.",
    lockTitle: 'Locked after wrong codes',
    lockBody:
      'After repeated wrong codes the bank locks the token, and sign-in and transfer approval stop working. This app cannot unlock it: the bank does. Contact the bank (or your company administrator).',
    clockTitle: 'When codes are refused',
    clockBody:
      "If the phone's clock is off, even the right code is refused. Set date and time to automatic in the device settings. The home screen warns when the clock is far off.",
  },
} satisfies HelpStrings;
