/**
 * 导入: bring a county's old ledger (.xlsx / .csv) into the system in four steps — choose the file (its encoding and
 * first rows shown), map its columns and values (from the server's suggestion or a saved mapping), a dry run (counts
 * and every bad row, downloadable to fix), and the import itself, followed until it is done. Clerks and admins only;
 * the API refuses others too.
 */
import { useEffect, useRef, useState } from 'react';
import { Card, Result, Steps, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useAuth } from '../../app/auth.tsx';
import { DryRunStep } from './DryRunStep.tsx';
import { FileStep } from './FileStep.tsx';
import { dryRun, startImport, type DryRunReport, type ImportMapping, type UploadedFile } from './imports-api.ts';
import { cleanMapping } from './mapping-edit.ts';
import { MappingStep } from './MappingStep.tsx';
import { RunStep } from './RunStep.tsx';
import { useWords, type ImportWord } from './words.ts';

const STEPS: ImportWord[] = ['stepFile', 'stepMapping', 'stepDryRun', 'stepImport'];

const errText = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

/** The import screen. */
export default function ImportsPage() {
  const w = useWords();
  const { hasRole } = useAuth();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({ columns: {} });
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [batchId, setBatchId] = useState<number | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Keyboard users start each step at its heading (the Steps bar itself is not where the work is).
  useEffect(() => {
    if (firstRender.current) { firstRender.current = false; return; }
    heading.current?.focus();
  }, [step]);

  if (!hasRole('clerk', 'admin')) return <Result status="403" title="403" subTitle={w('forbidden')} data-testid="imports-forbidden" />;

  const uploaded = (f: UploadedFile) => {
    setFile(f);
    setMapping({ columns: { ...f.suggested.columns }, values: { ...f.suggested.values }, defaults: { ...f.suggested.defaults } });
    setReport(null);
  };

  const check = async () => {
    if (!file) return;
    setStep(2);
    setChecking(true);
    setCheckError(null);
    setReport(null);
    try {
      setReport(await dryRun(file.fileId, cleanMapping(mapping)));
    } catch (e) {
      setCheckError(errText(e));
    } finally {
      setChecking(false);
    }
  };

  const run = async () => {
    if (!file) return;
    setStarting(true);
    setStartError(null);
    try {
      const id = await startImport(file.fileId, cleanMapping(mapping));
      setBatchId(id);
      setStep(3);
    } catch (e) {
      setStartError(errText(e));
    } finally {
      setStarting(false);
    }
  };

  const again = () => {
    setFile(null);
    setMapping({ columns: {} });
    setReport(null);
    setBatchId(null);
    setStartError(null);
    setStep(0);
  };

  // Earlier steps can be revisited until the import starts; later ones only through their buttons.
  const locked = batchId !== null;
  return (
    <Card variant="borderless" data-testid="imports" styles={{ body: { padding: 16 } }}>
      <div style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{w('title')}</Typography.Title>
        <Typography.Text type="secondary">{w('intro')}</Typography.Text>
      </div>
      <Steps
        size="small"
        current={step}
        onChange={(s) => { if (!locked && s < step) setStep(s); }}
        items={STEPS.map((k, i) => ({ title: w(k), disabled: locked || i >= step }))}
        style={{ marginBottom: 16 }}
        data-testid="imports-steps"
      />
      <h5 ref={heading} tabIndex={-1} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', margin: 0 }}>
        {`${step + 1} / ${STEPS.length} · ${w(STEPS[step]!)}`}
      </h5>
      {step === 0 && <FileStep file={file} onUploaded={uploaded} onNext={() => setStep(1)} />}
      {step === 1 && file && <MappingStep file={file} mapping={mapping} onChange={setMapping} onBack={() => setStep(0)} onNext={() => void check()} />}
      {step === 2 && file && (
        <DryRunStep
          fileId={file.fileId} mapping={mapping} report={report} checking={checking} error={checkError} onRetry={() => void check()}
          onBack={() => setStep(1)} onImport={() => void run()} starting={starting} startError={startError}
        />
      )}
      {step === 3 && batchId !== null && (
        <RunStep batchId={batchId} total={report?.total ?? 0} onAgain={again} onContinue={() => void run()} continuing={starting} />
      )}
    </Card>
  );
}
