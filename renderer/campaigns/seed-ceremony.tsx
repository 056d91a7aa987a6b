// 公开输入种子: a full-screen presentation for typing the digits read out from dice before
// witnesses. Only the digits are on screen, very large; Enter keeps them, Esc leaves unchanged.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { MAX_SEED_DIGITS, groupDigits } from './seed';

export function SeedCeremony({
  initial,
  onDone,
  onCancel,
}: {
  initial: string;
  onDone: (seed: string) => void;
  onCancel: () => void;
}) {
  const [digits, setDigits] = useState(initial);
  const [refused, setRefused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    // Best effort: a real full-screen view for the projector; the overlay covers the window anyway.
    const el = document.documentElement;
    if (el.requestFullscreen && !document.fullscreenElement)
      void el.requestFullscreen().catch(() => undefined);
    return () => {
      if (document.fullscreenElement && document.exitFullscreen)
        void document.exitFullscreen().catch(() => undefined);
    };
  }, []);
  // As large as fits one line: a monospace digit plus spacing is about 0.68 em wide.
  const shown = groupDigits(digits).length;
  const size = `${Math.min(12, 92 / (Math.max(shown, 8) * 0.68)).toFixed(2)}vw`;
  return createPortal(
    <div
      role="dialog"
      aria-modal="true"
      aria-label="公开输入随机种子"
      data-testid="seed-ceremony"
      onClick={() => input.current?.focus()}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 3000,
        background: '#101418',
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <input
        ref={input}
        data-testid="ceremony-input"
        aria-label="种子数字"
        inputMode="numeric"
        autoComplete="off"
        value={groupDigits(digits)}
        onChange={(e) => {
          const raw = e.target.value.replace(/\s/g, '');
          const clean = raw.replace(/\D/g, '').slice(0, MAX_SEED_DIGITS);
          setRefused(clean !== raw);
          setDigits(clean);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onDone(digits);
          }
        }}
        style={{
          width: '96vw',
          background: 'transparent',
          border: 'none',
          outline: 'none',
          color: refused ? '#ffb3b3' : '#fff',
          fontSize: size,
          fontFamily: '"Noto Sans Mono", "DejaVu Sans Mono", monospace',
          fontWeight: 600,
          textAlign: 'center',
          letterSpacing: '0.06em',
          caretColor: '#4f8cff',
        }}
      />
      <div style={{ position: 'fixed', bottom: 24, fontSize: 16, color: '#6b7580' }}>
        {digits.length} 位 · Enter 确认 · Esc 退出
      </div>
    </div>,
    document.body,
  );
}
