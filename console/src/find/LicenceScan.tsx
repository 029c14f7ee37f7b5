// The driver's licence: barcode text from a keyboard-wedge scanner, the camera, or a photo, decoded by the service.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ApiFailure } from '../api/api-failure.ts';
import type { LicenceFields } from '../api/contract.ts';
import type { PosApi } from '../api/pos-api.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { formatDate } from '../i18n/format.ts';
import { useLanguage } from '../i18n/language-context.tsx';
import { readLicenceBarcode, warmUpReader } from '../scan/barcode-reader.ts';
import { CameraUnavailable, startCameraScan, type CameraScan } from '../scan/camera-scan.ts';
import { LiveRegion } from '../ui/LiveRegion.tsx';
import { Refusal } from '../ui/Refusal.tsx';
import { useRequest } from '../ui/use-request.ts';

type Notice = { key: MessageKey; params?: Record<string, string>; kind: 'info' | 'problem' };

export function LicenceScan({ api, onLicence }: { api: PosApi; onLicence: (fields: LicenceFields) => void }) {
  const { t, lang } = useLanguage();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [cameraOn, setCameraOn] = useState(false);
  const decode = useRequest<LicenceFields>();
  const video = useRef<HTMLVideoElement>(null);
  const scan = useRef<CameraScan>();
  const textId = useId();
  const fileId = useId();

  useEffect(() => () => scan.current?.stop(), []);

  const decodeText = async (code: string) => {
    if (!code.trim()) return setNotice({ key: 'licence.empty', kind: 'problem' });
    setNotice(undefined);
    const fields = await decode.run(() => api.decodeLicence(code));
    if (!fields) return;
    setNotice({ key: 'licence.filled', params: { name: `${fields.first_name} ${fields.last_name}`, dob: formatDate(lang, fields.dob) }, kind: 'info' });
    onLicence(fields);
  };

  const readImage = async (image: Blob) => {
    decode.reset();
    setNotice({ key: 'licence.reading', kind: 'info' });
    let code: string | undefined;
    try {
      code = await readLicenceBarcode(image);
    } catch (error) {
      return setNotice({ key: 'licence.readerFailed', params: { message: error instanceof Error ? error.message : String(error) }, kind: 'problem' });
    }
    if (!code) return setNotice({ key: 'licence.noBarcode', kind: 'problem' });
    setText(code);
    await decodeText(code);
  };

  const startCamera = async () => {
    decode.reset();
    warmUpReader();
    setCameraOn(true);
    setNotice({ key: 'licence.cameraLive', kind: 'info' });
    try {
      // The <video> is rendered once cameraOn is set; wait a frame for it.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      scan.current = await startCameraScan(video.current!);
      const code = await scan.current.result;
      setCameraOn(false);
      if (code) {
        setText(code);
        await decodeText(code);
      }
    } catch (error) {
      setCameraOn(false);
      const denied = error instanceof CameraUnavailable && error.problem === 'denied';
      setNotice({ key: denied ? 'licence.cameraDenied' : 'licence.cameraUnavailable', kind: 'problem' });
    }
  };

  const stopCamera = () => {
    scan.current?.stop();
    setCameraOn(false);
    setNotice(undefined);
  };

  return (
    <div class="licence-scan">
      <p>{t('licence.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void decodeText(text);
        }}
      >
        <div class="field">
          <label for={textId}>{t('licence.text')}</label>
          <textarea
            id={textId}
            name="licence_code"
            rows={4}
            value={text}
            spellcheck={false}
            autocomplete="off"
            aria-describedby={`${textId}-hint`}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              // A wedge scanner types the barcode's own line breaks as Enter, so plain Enter stays a newline here.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                void decodeText(text);
              }
            }}
          />
          <p class="hint" id={`${textId}-hint`}>
            {t('licence.textHint')}
          </p>
        </div>
        <button type="submit" class="button-primary" disabled={decode.busy}>
          {decode.busy ? t('form.busy') : t('licence.decode')}
        </button>
      </form>
      <div class="scan-alternatives">
        {cameraOn ? (
          <button type="button" class="button-secondary" onClick={stopCamera}>
            {t('licence.cameraStop')}
          </button>
        ) : (
          <button type="button" class="button-secondary" onClick={() => void startCamera()}>
            {t('licence.camera')}
          </button>
        )}
        <div class="field file-field">
          <label for={fileId}>{t('licence.file')}</label>
          <input
            id={fileId}
            name="licence_photo"
            type="file"
            accept="image/*"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void readImage(file);
            }}
          />
        </div>
      </div>
      {cameraOn && <video ref={video} class="camera-view" aria-label={t('licence.cameraLive')} muted playsInline />}
      <LiveRegion>
        {notice && <p class={notice.kind === 'problem' ? 'problem' : 'notice'}>{t(notice.key, notice.params)}</p>}
        {decode.failure && <Refusal failure={decode.failure as ApiFailure} />}
      </LiveRegion>
    </div>
  );
}
