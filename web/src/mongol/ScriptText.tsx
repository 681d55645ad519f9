import { MongolText } from './MongolText';
import { hasMongolian } from './script';

/**
 * Text whose script is not known in advance (a server message, a user's display name):
 * vertical Mongolian when it is Mongolian, ordinary text otherwise.
 */
export function ScriptText({ text, testId }: { text: string; testId?: string }) {
  return hasMongolian(text) ? (
    <MongolText data-testid={testId}>{text}</MongolText>
  ) : (
    <span data-testid={testId}>{text}</span>
  );
}
