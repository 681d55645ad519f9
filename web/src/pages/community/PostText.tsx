import { MongolText } from '../../mongol/MongolText';
import { scriptBlocks } from './blocks';

/** A post's text in Mongolian and Chinese: Mongolian paragraphs set vertically, Chinese ones across. */
export function PostText({ text }: { text: string }) {
  return (
    <div className="com-text">
      {scriptBlocks(text).map((b, i) =>
        b.mongolian ? (
          <MongolText as="div" key={i} className="com-text__mn" data-testid="com-text-mn">
            {b.text}
          </MongolText>
        ) : (
          <div key={i} className="com-text__zh" data-testid="com-text-zh">
            {b.text}
          </div>
        ),
      )}
    </div>
  );
}
