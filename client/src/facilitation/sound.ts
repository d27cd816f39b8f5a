/**
 * The timer's end, audible: three short beeps made with the Web Audio API (no sound file to
 * load), and the person's on/off switch, remembered on this device (`localStorage`).
 *
 * Browsers start an `AudioContext` suspended until the page gets a user gesture, so the chime
 * creates its context at the first pointer or key press on the page (`unlockOnGesture`) — by
 * the time a timer ends, the person has clicked something.
 */

const SOUND_KEY = 'ft-timer-sound';

/** Whether the end of the timer rings on this device (on unless switched off). */
export function timerSoundOn(storage: Pick<Storage, 'getItem'> | null = safeStorage()): boolean {
  return storage?.getItem(SOUND_KEY) !== 'off';
}

export function setTimerSound(
  on: boolean,
  storage: Pick<Storage, 'setItem'> | null = safeStorage(),
): void {
  storage?.setItem(SOUND_KEY, on ? 'on' : 'off');
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Beeps: frequency (Hz), start offset and length (s). An A5 three times, the last one longer. */
const BEEPS = [
  { hz: 880, at: 0, length: 0.18 },
  { hz: 880, at: 0.28, length: 0.18 },
  { hz: 1175, at: 0.56, length: 0.45 },
] as const;

export class Chime {
  private context: AudioContext | null = null;

  /** Creates (or resumes) the audio context at the page's next user gesture; returns the undo. */
  unlockOnGesture(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window) {
    const unlock = () => {
      this.ensureContext();
      void this.context?.resume().catch(() => {});
    };
    target.addEventListener('pointerdown', unlock, true);
    target.addEventListener('keydown', unlock, true);
    return () => {
      target.removeEventListener('pointerdown', unlock, true);
      target.removeEventListener('keydown', unlock, true);
    };
  }

  /** Plays the end-of-timer beeps; false when this browser has no Web Audio. */
  play(): boolean {
    const context = this.ensureContext();
    if (!context) return false;
    void context.resume().catch(() => {});
    const start = context.currentTime + 0.02;
    for (const beep of BEEPS) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = beep.hz;
      // A short fade in and out: a hard edge clicks.
      gain.gain.setValueAtTime(0.0001, start + beep.at);
      gain.gain.exponentialRampToValueAtTime(0.3, start + beep.at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + beep.at + beep.length);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + beep.at);
      oscillator.stop(start + beep.at + beep.length + 0.02);
    }
    return true;
  }

  close(): void {
    void this.context?.close().catch(() => {});
    this.context = null;
  }

  private ensureContext(): AudioContext | null {
    if (this.context) return this.context;
    const AudioContextClass =
      typeof window === 'undefined'
        ? undefined
        : (window.AudioContext ??
          (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
    if (!AudioContextClass) return null;
    try {
      this.context = new AudioContextClass();
    } catch {
      return null;
    }
    return this.context;
  }
}
