import type { HTMLAttributes } from 'react';
import './mongol.css';

type Props = Omit<HTMLAttributes<HTMLElement>, 'lang'> & {
  /** `div` for a block (a paragraph, a column of its own); `span` (default) inside a line. */
  as?: 'span' | 'div';
};

/**
 * Traditional Mongolian text: top to bottom, columns left to right, in the app's Mongolian font.
 * Every piece of Mongolian on screen goes through this component.
 */
export function MongolText({ as: Tag = 'span', className, ...rest }: Props) {
  return <Tag lang="mn-Mong" className={className ? `mongol ${className}` : 'mongol'} {...rest} />;
}
