import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { localIsoDate } from '../../shared/domain/isoDate';
import { PrinterOutlined } from './icons';
import './print.css';

/*
 * 打印 on list pages (issue 17, point 10): window.print() with print.css, which hides the app
 * around the list. A heading that only paper shows names the list, the company and the date.
 */

function isPrintMedia(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('print').matches;
}

const listeners = new Set<(printing: boolean) => void>();
let printingNow = false;

function setPrinting(next: boolean): void {
  if (printingNow === next) return;
  printingNow = next;
  // Synchronously, so the rows are in the DOM before the browser lays out the printed page.
  flushSync(() => {
    for (const listener of listeners) listener(next);
  });
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeprint', () => setPrinting(true));
  window.addEventListener('afterprint', () => setPrinting(isPrintMedia()));
  if (typeof window.matchMedia === 'function') {
    window.matchMedia('print').addEventListener('change', (e) => setPrinting(e.matches));
  }
}

/**
 * True while the page is being printed (print dialog, PDF export, print media emulation): a
 * virtualised table renders every row then, since paper has no scrolling.
 */
export function usePrinting(): boolean {
  const [printing, setState] = useState(() => printingNow || isPrintMedia());
  useEffect(() => {
    listeners.add(setState);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return printing;
}

/** The 打印 button of a list page. */
export function PrintButton({ label = '打印' }: { readonly label?: string }) {
  return (
    <Button
      icon={<PrinterOutlined />}
      onClick={() => {
        setPrinting(true);
        window.print();
        setPrinting(isPrintMedia());
      }}
    >
      {label}
    </Button>
  );
}

/** Paper only: what is printed, for which company, on which day. */
export function PrintHeading({ title, companyName, detail }: { readonly title: string; readonly companyName?: string; readonly detail?: string }) {
  return (
    <div className="print-only print-heading">
      <h1>{companyName ? `${companyName} · ${title}` : title}</h1>
      <p>打印日期：{localIsoDate(new Date())}{detail ? `，${detail}` : ''}</p>
    </div>
  );
}
