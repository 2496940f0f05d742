import { useEffect, useRef, useState } from 'react';
import { useT } from '../../app/i18n/useT';

interface Detector {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

/** The browser's own QR reader (Android's Chrome has one) or jsQR, loaded only when needed. */
async function makeReader(): Promise<(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D) => Promise<string | null>> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorCtor & { getSupportedFormats?(): Promise<string[]> } }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.().catch((): string[] => []))?.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (canvas) => (await detector.detect(canvas))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (canvas, ctx) => {
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** Frames looked at per second: enough to feel instant, little enough for an old phone's battery. */
const EVERY_MS = 250;
const WIDTH = 640;

/**
 * The camera, looking for a checkpoint's QR code. Everything happens on the phone: no picture is
 * kept or sent, only the code read. The camera is released as soon as the code is read or the
 * member closes the scanner.
 */
export function QrScanner({ onCode, onClose }: { onCode(text: string): void; onClose(): void }) {
  const { t } = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      } catch {
        if (live) setProblem(t('patrolApp.scan.noCamera'));
        return;
      }
      if (!live || !video.current || !ctx) {
        stream.getTracks().forEach((tr) => tr.stop());
        return;
      }
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const read = await makeReader();
      const look = async () => {
        const v = video.current;
        if (!live || !v) return;
        if (v.videoWidth > 0) {
          canvas.width = Math.min(WIDTH, v.videoWidth);
          canvas.height = Math.round((v.videoHeight * canvas.width) / v.videoWidth);
          ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
          const text = await read(canvas, ctx).catch(() => null);
          if (text && live) {
            onCodeRef.current(text);
            return;
          }
        }
        timer = setTimeout(() => void look(), EVERY_MS);
      };
      void look();
    })();
    return () => {
      live = false;
      clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [t]);

  return (
    <div className="patrol-scanner" data-testid="patrol-scanner">
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : (
        <>
          <video ref={video} className="patrol-scanner-video" muted playsInline aria-label={t('patrolApp.scan.video')} />
          <p className="muted">{t('patrolApp.scan.hint')}</p>
        </>
      )}
      <button type="button" className="btn mobile-big" onClick={onClose}>
        {t('patrolApp.cancel')}
      </button>
    </div>
  );
}
