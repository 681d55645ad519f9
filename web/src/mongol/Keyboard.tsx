import { imeKeymap, type KeyCap } from '@gerel/mongol';
import { Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Msg } from '../i18n/Msg';
import { useI18n } from '../i18n/useI18n';
import { activeTarget, targetFor, trackFocus } from './inputTarget';
import { keyboardLayout } from './keyboardLayout';
import { MongolText } from './MongolText';
import './keyboard.css';

/** Keys whose character is invisible or a mark: labelled by name, explained in a tooltip. */
const CONTROL_TITLES: Record<string, string> = {
  "'": 'U+180B MONGOLIAN FREE VARIATION SELECTOR ONE',
  '"': 'U+180C MONGOLIAN FREE VARIATION SELECTOR TWO',
  '`': 'U+180D MONGOLIAN FREE VARIATION SELECTOR THREE',
  _: 'U+180E MONGOLIAN VOWEL SEPARATOR',
  '-': 'U+202F NARROW NO-BREAK SPACE',
  '*': 'U+200D ZERO WIDTH JOINER',
  '&': 'U+180A MONGOLIAN NIRUGU',
};

/** Physical typing through the GB/T 28038 layout, on when the toggle is on. */
function usePhysicalIme(on: boolean) {
  useEffect(() => {
    if (!on) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.key === ' ') return;
      const text = imeKeymap[event.key];
      if (text === undefined) return;
      const target = targetFor(event.target);
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      target.insert(text);
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => document.removeEventListener('keydown', onKeyDown, true);
  }, [on]);
}

/**
 * The on-screen Traditional Mongolian keyboard (GB/T 28038-2011). Each key shows its letter, set
 * vertically in the app's font, and the Latin key it sits on. A click types into the editor or
 * field that had the focus (through the editor's commands, so undo works); the keys never take
 * the focus themselves. The toggle maps the physical keyboard the same way, for people without a
 * Mongolian input method.
 */
export function MongolKeyboard() {
  const { t } = useI18n();
  const [shift, setShift] = useState(false);
  const [physical, setPhysical] = useState(false);
  const [open, setOpen] = useState(true);
  const rows = useMemo(keyboardLayout, []);
  useEffect(trackFocus, []);
  usePhysicalIme(physical);

  const press = (cap: KeyCap) => {
    activeTarget()?.insert(cap.insert);
    if (shift) setShift(false);
  };

  // Keep the focus (and the caret) where it is: the key is pressed, not focused.
  const keepFocus = (event: React.MouseEvent) => event.preventDefault();

  const extraKeys = (
    <>
      <button
        type="button"
        className={shift ? 'mongol-keyboard__key mongol-keyboard__key--wide is-on' : 'mongol-keyboard__key mongol-keyboard__key--wide'}
        aria-pressed={shift}
        data-key="Shift"
        onMouseDown={keepFocus}
        onClick={() => setShift((s) => !s)}
      >
        <span className="mongol-keyboard__name">Shift</span>
      </button>
      <button
        type="button"
        className="mongol-keyboard__key mongol-keyboard__key--wide"
        data-key="Backspace"
        title={t('keyboard.backspace')}
        aria-label={t('keyboard.backspace')}
        onMouseDown={keepFocus}
        onClick={() => activeTarget()?.backspace()}
      >
        <span className="mongol-keyboard__name">⌫</span>
      </button>
    </>
  );

  return (
    <section className="mongol-keyboard" aria-label={t('keyboard.title')} data-testid="mongol-keyboard">
      <div className="mongol-keyboard__bar">
        <span className="mongol-keyboard__title">
          <Msg k="keyboard.title" />
        </span>
        <button
          type="button"
          className="mongol-keyboard__collapse"
          aria-expanded={open}
          onMouseDown={keepFocus}
          onClick={() => setOpen((o) => !o)}
        >
          <Msg k={open ? 'keyboard.hide' : 'keyboard.show'} />
        </button>
        <label className="mongol-keyboard__toggle">
          <Switch size="small" checked={physical} onChange={setPhysical} aria-label={t('keyboard.physical')} data-testid="ime-toggle" />
          <Msg k="keyboard.physical" />
        </label>
      </div>
      <div className="mongol-keyboard__rows" hidden={!open}>
        {rows.map((row, i) => (
          <div className="mongol-keyboard__row" key={i}>
            {row.map((position) => {
              const cap = shift && position.shifted ? position.shifted : position.base;
              const control = CONTROL_TITLES[cap.key];
              const isSpace = cap.key === ' ';
              return (
                <button
                  type="button"
                  key={position.base.key}
                  className={[
                    'mongol-keyboard__key',
                    control ? 'mongol-keyboard__key--control' : '',
                    isSpace ? 'mongol-keyboard__key--space' : '',
                    cap.shift ? 'mongol-keyboard__key--shifted' : '',
                  ].join(' ')}
                  data-key={cap.key}
                  title={control ?? (isSpace ? t('keyboard.space') : `${cap.insert} (${cap.shift ? 'Shift+' : ''}${cap.key})`)}
                  aria-label={control ? cap.label : isSpace ? t('keyboard.space') : cap.insert}
                  onMouseDown={keepFocus}
                  onClick={() => press(cap)}
                >
                  {isSpace ? (
                    <span className="mongol-keyboard__name">
                      <Msg k="keyboard.space" />
                    </span>
                  ) : control && cap.key !== '&' ? (
                    <span className="mongol-keyboard__name">{cap.label}</span>
                  ) : (
                    <MongolText className="mongol-keyboard__glyph">{cap.label}</MongolText>
                  )}
                  {!isSpace && <kbd className="mongol-keyboard__latin">{cap.key}</kbd>}
                </button>
              );
            })}
            {i === rows.length - 1 && extraKeys}
          </div>
        ))}
      </div>
    </section>
  );
}
