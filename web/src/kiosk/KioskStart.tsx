import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { CATALOGS } from '../i18n/languages';
import { MongolText } from '../mongol/MongolText';
import { KIOSK_STATION_KEY } from './KioskPage';
import './kiosk.css';

function storedStation(): string | null {
  try {
    return localStorage.getItem(KIOSK_STATION_KEY);
  } catch {
    return null;
  }
}

/**
 * /kiosk/: where the installed kiosk app starts. It goes on to the station this device showed last;
 * a new device asks once for the code printed on the station.
 */
export function KioskStart() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const stored = storedStation();
  if (stored) return <Navigate to={`/kiosk/${encodeURIComponent(stored)}`} replace />;
  return (
    <form
      className="kiosk kiosk--message"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) void navigate(`/kiosk/${encodeURIComponent(code.trim())}`);
      }}
    >
      <label className="kiosk-start">
        <span className="kiosk-both">
          <span lang="zh-Hans">{CATALOGS['zh-Hans']['kiosk.stationCode']}</span>
          <MongolText>{CATALOGS['mn-Mong']['kiosk.stationCode']}</MongolText>
        </span>
        <input className="kiosk-start__input" value={code} onChange={(e) => setCode(e.target.value)} pattern="[0-9A-Za-z_\-]+" autoFocus />
      </label>
      <button type="submit" className="kiosk-button">
        <span className="kiosk-both">
          <span lang="zh-Hans">{CATALOGS['zh-Hans']['kiosk.start']}</span>
          <MongolText>{CATALOGS['mn-Mong']['kiosk.start']}</MongolText>
        </span>
      </button>
    </form>
  );
}

export default KioskStart;
