import { FileTextOutlined } from '../../components/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import type { Citation } from '../../../shared/policy/knowledgeBase';
import { lineRangeText } from './policyDisplay';
import { SourceDrawer, type SourceTarget } from './SourceDrawer';

/**
 * A citation ("第五条第（三）项") that opens the compilation at its lines with the quoted sentence
 * marked. The accessible name is the reference itself, so tests and screen readers find it.
 */
export function CitationLink({ citation, prefix }: { readonly citation: Citation; readonly prefix?: string }) {
  const [target, setTarget] = useState<SourceTarget | null>(null);
  // Mounted on first use only: an overview shows hundreds of citations, few are opened.
  const [hasOpened, setHasOpened] = useState(false);
  return (
    <>
      <Tooltip title={`${lineRangeText(citation.lines)}：${citation.quote.length > 60 ? `${citation.quote.slice(0, 60)}……` : citation.quote}`}>
        <Button
          type="link"
          size="small"
          icon={<FileTextOutlined />}
          style={{ padding: 0, height: 'auto' }}
          onClick={() => {
            setHasOpened(true);
            setTarget({ lines: citation.lines, label: citation.ref, quote: citation.quote });
          }}
        >
          {prefix === undefined ? citation.ref : `${prefix}${citation.ref}`}
        </Button>
      </Tooltip>
      {hasOpened ? <SourceDrawer target={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}
